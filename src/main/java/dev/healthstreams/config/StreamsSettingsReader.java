package dev.healthstreams.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/**
 * Reads a topology's {@code streams:} block: Kafka Streams (and client) settings of that topology
 * only, such as {@code commit.interval.ms}. Each key must be one Kafka knows and the app does not
 * own, and its value must pass Kafka's own type and range checks, so a typo fails at load with its
 * path instead of being ignored or failing one topology at start.
 */
final class StreamsSettingsReader {
  static final String KEY = "streams";

  private StreamsSettingsReader() {}

  /** The settings in file order; empty when the block has none. */
  static Map<String, String> read(ConfigNode topologyBlock) {
    Optional<ConfigNode> streams = topologyBlock.child(KEY);
    if (streams.isEmpty()) {
      return Map.of();
    }
    ConfigNode node = streams.get();
    Map<String, String> settings = new LinkedHashMap<>();
    for (String key : node.keys()) {
      Optional<String> instead = AppOwnedStreamsKeys.insteadOf(key);
      Optional<ConfigKey> known = KafkaConfigKeys.find(key);
      if (instead.isPresent()) {
        node.error(key, "is set by the app for every topology, not per topology: " + instead.get());
      } else if (known.isEmpty()) {
        node.error(
            key,
            "is not a Kafka Streams or Kafka client setting (client settings may be prefixed "
                + String.join(", ", KafkaConfigKeys.PREFIX_NAMES)
                + ")");
      } else if (node.valueOf(key) == null) {
        node.error(key, "has no value");
      } else {
        node.value(key, KafkaConfigKeys.parser(known.get()))
            .optional()
            .ifPresent(value -> settings.put(key, value));
      }
    }
    return Collections.unmodifiableMap(settings);
  }
}
