package dev.healthstreams.config;

import java.util.Map;
import java.util.Optional;

/**
 * Kafka settings the app sets itself, from its own keys, for every topology alike: a topology's
 * {@code streams:} block may not set them, bare or under a client prefix. Each maps to what to
 * write instead. They are the identity and placement of the app (ids, addresses, state), its
 * guarantee, its error handling (dead letters), which the other parts of the app rely on, and the
 * settings Kafka reads only when a topology is built: the app builds without them (its topologies
 * choose their stores, repartitions and processors in code), so they would be ignored silently.
 */
final class AppOwnedStreamsKeys {
  private static final String DEAD_LETTERS =
      "it belongs to the app's dead-letter handling (the topic is the topology's topics.dead-letter)";

  private static final Map<String, String> INSTEAD =
      Map.ofEntries(
          Map.entry(
              "application.id", "use app.application-id-prefix (the id is <prefix>-<topology>)"),
          Map.entry(
              "group.id", "use app.application-id-prefix (Kafka Streams uses application.id)"),
          Map.entry("bootstrap.servers", "use kafka.bootstrap-servers"),
          Map.entry("state.dir", "use app.state-dir"),
          Map.entry("processing.guarantee", "use app.processing-guarantee"),
          Map.entry("replication.factor", "use app.replication-factor"),
          Map.entry("num.standby.replicas", "use app.num-standby-replicas"),
          Map.entry("application.server", "use app.advertised-host and app.http-port"),
          Map.entry("group.instance.id", "use app.instance-id"),
          Map.entry("session.timeout.ms", "use app.session-timeout"),
          Map.entry("rocksdb.config.setter", "use app.rocksdb (one memory budget for every store)"),
          Map.entry(
              "ensure.explicit.internal.resource.naming",
              "the app requires every store and internal topic to be named"),
          Map.entry("deserialization.exception.handler", DEAD_LETTERS),
          Map.entry("default.deserialization.exception.handler", DEAD_LETTERS),
          Map.entry("processing.exception.handler", DEAD_LETTERS),
          Map.entry("processing.exception.handler.global.enabled", DEAD_LETTERS),
          Map.entry("production.exception.handler", DEAD_LETTERS),
          Map.entry("default.production.exception.handler", DEAD_LETTERS),
          Map.entry("errors.dead.letter.queue.topic.name", DEAD_LETTERS));

  private static final String BUILT_IN_CODE =
      "Kafka reads it when a topology is built, and each topology chooses its stores, repartitions"
          + " and processors in code";

  private static final Map<String, String> BUILD_TIME =
      Map.of(
          "topology.optimization", BUILT_IN_CODE,
          "default.dsl.store", BUILT_IN_CODE,
          "dsl.store.suppliers.class", BUILT_IN_CODE,
          "dsl.store.format", BUILT_IN_CODE,
          "processor.wrapper.class", BUILT_IN_CODE);

  private AppOwnedStreamsKeys() {}

  /** What to set instead of {@code key}, when the app owns it. */
  static Optional<String> insteadOf(String key) {
    String base = KafkaConfigKeys.baseName(key);
    return Optional.ofNullable(INSTEAD.getOrDefault(base, BUILD_TIME.get(base)));
  }
}
