package dev.healthstreams.topology.obscount;

import dev.healthstreams.config.ConfigNode;
import dev.healthstreams.config.Parsers;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The test topology's settings: which Observation statuses count, and, optionally, a patient id to
 * count Observations without a Patient subject under (else they are dead-lettered: what
 * `DlqCommandIT` fixes by setting it, then replays).
 */
public record CountSettings(Set<String> statuses, Optional<String> unassignedPatient) {
  static final List<String> DEFAULT_STATUSES = List.of("final", "amended", "corrected");

  static CountSettings read(ConfigNode block) {
    return new CountSettings(
        Set.copyOf(block.values("statuses", Parsers.string()).orElse(DEFAULT_STATUSES)),
        block.value("unassigned-patient", Parsers.nonEmpty()).optional());
  }
}
