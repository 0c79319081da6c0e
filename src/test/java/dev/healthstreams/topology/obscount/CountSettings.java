package dev.healthstreams.topology.obscount;

import dev.healthstreams.config.ConfigNode;
import dev.healthstreams.config.Parsers;
import java.util.List;
import java.util.Set;

/** The test topology's one setting: which Observation statuses count. */
public record CountSettings(Set<String> statuses) {
  static final List<String> DEFAULT_STATUSES = List.of("final", "amended", "corrected");

  static CountSettings read(ConfigNode block) {
    return new CountSettings(
        Set.copyOf(block.values("statuses", Parsers.string()).orElse(DEFAULT_STATUSES)));
  }
}
