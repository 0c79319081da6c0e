package dev.healthstreams.runtime.deadletter;

import java.util.Optional;

/**
 * Which dead letters of a topology a replay takes: all, or those of one reason and/or one source
 * topic. Each selection keeps its progress in a consumer group of its own, whose id spells the
 * selection out, so a later replay can tell what an earlier one with another selection covered.
 */
public record ReplaySelection(String topology, Optional<String> reason, Optional<String> source) {
  private static final String ANY = "*";
  private static final String SEPARATOR = ":";

  public boolean matches(DeadLetter letter) {
    return reason.map(letter.reason()::equals).orElse(true)
        && source.map(letter.sourceTopic()::equals).orElse(true);
  }

  /** {@code <prefix>-dlq-replay:<topology>:<reason or *>:<source topic or *>}. */
  public String groupId(String applicationIdPrefix) {
    return groupPrefix(applicationIdPrefix, topology)
        + reason.orElse(ANY)
        + SEPARATOR
        + source.orElse(ANY);
  }

  /** The start of every replay group id of a topology. */
  public static String groupPrefix(String applicationIdPrefix, String topology) {
    return applicationIdPrefix + "-dlq-replay" + SEPARATOR + topology + SEPARATOR;
  }

  /** The selection a group id of this topology spells, or empty for any other group. */
  public static Optional<ReplaySelection> fromGroupId(
      String groupId, String applicationIdPrefix, String topology) {
    String prefix = groupPrefix(applicationIdPrefix, topology);
    if (!groupId.startsWith(prefix)) {
      return Optional.empty();
    }
    String[] parts = groupId.substring(prefix.length()).split(SEPARATOR, -1);
    if (parts.length != 2) {
      return Optional.empty();
    }
    return Optional.of(new ReplaySelection(topology, any(parts[0]), any(parts[1])));
  }

  private static Optional<String> any(String part) {
    return part.equals(ANY) ? Optional.empty() : Optional.of(part);
  }
}
