package dev.healthstreams.topology.canonical;

import java.util.List;
import java.util.Set;

/**
 * What the identity stage keeps per golden patient.
 *
 * @param sources its linked sources, as {@code system/id}, sorted
 * @param version the version last published (0 before the first)
 * @param fingerprint of the content last published: a rebuild that changes nothing writes nothing
 * @param flags POSSIBLE_DUPLICATE while an open review item names it
 * @param conflictsReported signatures of the conflicts already written
 */
public record GoldenState(
    String goldenId,
    List<String> sources,
    long version,
    String fingerprint,
    Set<String> flags,
    Set<String> conflictsReported) {

  public GoldenState {
    sources = sources == null ? List.of() : List.copyOf(sources);
    flags = flags == null ? Set.of() : Set.copyOf(flags);
    conflictsReported = conflictsReported == null ? Set.of() : Set.copyOf(conflictsReported);
  }
}
