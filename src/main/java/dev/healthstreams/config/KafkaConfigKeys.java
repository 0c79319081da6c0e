package dev.healthstreams.config;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Which Kafka setting a key of a topology's {@code streams:} block names: a Kafka Streams setting,
 * or a client setting either bare (Kafka Streams passes it to every client) or under one of Kafka
 * Streams' client prefixes. Kafka's own {@link ConfigDef}s answer, so the names and types follow
 * the Kafka version on the classpath.
 */
final class KafkaConfigKeys {
  /** A prefix and the client definition its keys belong to. */
  private record Prefix(String prefix, ConfigDef clientDef) {}

  private static final ConfigDef STREAMS = StreamsConfig.configDef();
  private static final ConfigDef CONSUMER = ConsumerConfig.configDef();
  private static final ConfigDef PRODUCER = ProducerConfig.configDef();
  private static final ConfigDef ADMIN = AdminClientConfig.configDef();

  private static final List<Prefix> PREFIXES =
      List.of(
          new Prefix(StreamsConfig.MAIN_CONSUMER_PREFIX, CONSUMER),
          new Prefix(StreamsConfig.RESTORE_CONSUMER_PREFIX, CONSUMER),
          new Prefix(StreamsConfig.GLOBAL_CONSUMER_PREFIX, CONSUMER),
          new Prefix(StreamsConfig.CONSUMER_PREFIX, CONSUMER),
          new Prefix(StreamsConfig.PRODUCER_PREFIX, PRODUCER),
          new Prefix(StreamsConfig.ADMIN_CLIENT_PREFIX, ADMIN));

  /** The prefixes a key may carry, for error messages. */
  static final List<String> PREFIX_NAMES = PREFIXES.stream().map(Prefix::prefix).toList();

  private KafkaConfigKeys() {}

  /** The key without its client prefix, if it has one. */
  static String baseName(String key) {
    return prefixOf(key).map(p -> key.substring(p.prefix().length())).orElse(key);
  }

  /** The definition of the setting {@code key} names, if Kafka knows it. */
  static Optional<ConfigKey> find(String key) {
    Optional<Prefix> prefix = prefixOf(key);
    if (prefix.isPresent()) {
      return Optional.ofNullable(prefix.get().clientDef().configKeys().get(baseName(key)));
    }
    for (ConfigDef def : List.of(STREAMS, CONSUMER, PRODUCER, ADMIN)) {
      ConfigKey found = def.configKeys().get(key);
      if (found != null) {
        return Optional.of(found);
      }
    }
    return Optional.empty();
  }

  /**
   * Checks a value as Kafka will when the topology starts: its type, then the setting's own
   * validator (ranges, allowed values). A config-provider reference is left to the client that
   * resolves it. A secret's value is never quoted (Kafka's messages quote the value).
   */
  static Parser<String> parser(ConfigKey key) {
    return Parser.of(
        text -> {
          if (!text.contains("${")) {
            check(key, text);
          }
          return text;
        },
        "");
  }

  private static void check(ConfigKey key, String text) {
    try {
      Object parsed = ConfigDef.parseType(key.name, text, key.type);
      if (key.validator != null) {
        key.validator.ensureValid(key.name, parsed);
      }
    } catch (org.apache.kafka.common.config.ConfigException e) {
      throw new InvalidValue(
          key.type.isSensitive() ? "is not a valid value for " + key.name : e.getMessage());
    }
  }

  private static Optional<Prefix> prefixOf(String key) {
    return PREFIXES.stream().filter(p -> key.startsWith(p.prefix())).findFirst();
  }
}
