package dev.healthstreams.runtime.deadletter;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dead letters counted by topology, reason and source topic, each group with its first and last
 * dead letter (by time) so an operator sees when a failure started and whether it goes on.
 */
public final class DeadLetterSummary {
  /** Dead letters without provenance headers are counted under this reason. */
  public static final String NO_PROVENANCE = "(no provenance headers)";

  public record Group(String topology, String reason, String sourceTopic) {}

  /** A group's count and its first and last dead letter: coordinates and timestamps. */
  public record Stats(long count, String first, long firstTime, String last, long lastTime) {
    Stats with(String coordinates, long time) {
      return new Stats(
          count + 1,
          time < firstTime ? coordinates : first,
          Math.min(time, firstTime),
          time >= lastTime ? coordinates : last,
          Math.max(time, lastTime));
    }
  }

  private final Map<Group, Stats> groups = new LinkedHashMap<>();

  /** {@code topology}: the one whose dead-letter topic it was read from. */
  public void add(String topology, DeadLetter letter) {
    add(
        new Group(topology, letter.reason(), letter.sourceTopic()),
        letter.coordinates(),
        letter.timestamp());
  }

  public void addWithoutProvenance(String topology, String coordinates, long time) {
    add(new Group(topology, NO_PROVENANCE, "?"), coordinates, time);
  }

  private void add(Group group, String coordinates, long time) {
    groups.merge(
        group,
        new Stats(1, coordinates, time, coordinates, time),
        (was, one) -> was.with(coordinates, time));
  }

  public Map<Group, Stats> groups() {
    return Map.copyOf(groups);
  }

  /** In the order first seen. */
  public Iterable<Map.Entry<Group, Stats>> entries() {
    return groups.entrySet();
  }

  public boolean isEmpty() {
    return groups.isEmpty();
  }
}
