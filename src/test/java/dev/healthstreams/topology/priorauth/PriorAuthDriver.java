package dev.healthstreams.topology.priorauth;

import dev.healthstreams.avro.PriorAuthAnomaly;
import dev.healthstreams.avro.PriorAuthSlaEvent;
import dev.healthstreams.avro.PriorAuthStats;
import dev.healthstreams.avro.PriorAuthStatusChanged;
import dev.healthstreams.avro.PriorAuthView;
import dev.healthstreams.testkit.OnePartitionStores;
import dev.healthstreams.testkit.TopologyKit;
import dev.healthstreams.testkit.TopologyKitExtension;
import dev.healthstreams.topology.query.LocalStores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;

/** prior-auth-projection in the test kit, with its topics typed and read as lists and maps. */
final class PriorAuthDriver {
  static final String TOPICS =
      """
      prior-auth-projection:
        topics:
          status-events: pa.status
          views: pa.views
          anomalies: pa.anomalies
          sla: pa.sla
          stats: pa.stats
          dead-letter: pa.dlq
      """;

  final TopologyKit kit;
  final TestInputTopic<String, PriorAuthStatusChanged> events;
  final TestOutputTopic<String, PriorAuthView> views;
  final TestOutputTopic<String, PriorAuthAnomaly> anomalies;
  final TestOutputTopic<String, PriorAuthSlaEvent> sla;
  final TestOutputTopic<String, PriorAuthStats> stats;

  PriorAuthDriver(TopologyKit kit) {
    this.kit = kit;
    events = kit.input(PriorAuthTopology.STATUS_EVENTS);
    views = kit.output(PriorAuthTopology.VIEWS);
    anomalies = kit.output(PriorAuthTopology.ANOMALIES);
    sla = kit.output(PriorAuthTopology.SLA);
    stats = kit.output(PriorAuthTopology.STATS);
  }

  /** A config with the topics and {@code settings} (indented as block keys) added. */
  static String yaml(String settings) {
    return TopologyKit.yaml(TOPICS + settings.indent(2));
  }

  static TopologyKitExtension extension() {
    return TopologyKitExtension.of(PriorAuthTopology.NAME, yaml(""));
  }

  static TopologyKitExtension unstarted() {
    return TopologyKitExtension.of(PriorAuthTopology.NAME);
  }

  /** Piped with the record time its metadata gives, as producers and backtest do. */
  void pipe(PriorAuthStatusChanged event) {
    events.pipeInput(
        new TestRecord<>(
            event.getPayload().getPriorAuthId(),
            event,
            null,
            Instant.ofEpochMilli(event.getMetadata().getTimestamp())));
  }

  void pipe(PriorAuthStatusChanged... events) {
    for (PriorAuthStatusChanged event : events) {
      pipe(event);
    }
  }

  /** The latest view per PA written so far (drained), tombstones as null. */
  Map<String, PriorAuthView> latestViews() {
    Map<String, PriorAuthView> latest = new LinkedHashMap<>();
    for (KeyValue<String, PriorAuthView> kv : views.readKeyValuesToList()) {
      latest.put(kv.key, kv.value);
    }
    return latest;
  }

  PriorAuthView view(String pa) {
    return kit.<String, PriorAuthView>keyValueStore(PriorAuthProcessor.VIEW_STORE).get(pa);
  }

  List<PriorAuthAnomaly> anomalies() {
    return anomalies.readValuesToList();
  }

  List<PriorAuthSlaEvent> slaEvents() {
    return sla.readValuesToList();
  }

  PriorAuthStats storedStats(String key) {
    return kit.<String, PriorAuthStats>keyValueStore(PriorAuthStatsMerger.STATS_STORE).get(key);
  }

  /**
   * Moves the wall clock on by the default {@code stats-interval}: each task publishes the parts of
   * the statistics that changed, and the merger adds them up.
   */
  void publishStats() {
    kit.advanceWallClock(PriorAuthSettings.DEFAULT_STATS_INTERVAL);
  }

  List<String> storeKeys(String store) {
    List<String> keys = new ArrayList<>();
    try (var all = kit.<String, Object>keyValueStore(store).all()) {
      all.forEachRemaining(kv -> keys.add(kv.key));
    }
    return keys;
  }

  /** The kit's stores as a replica's list query reads them. */
  LocalStores localStores() {
    return new OnePartitionStores(kit::keyValueStore);
  }

  /** The history of a view as "STATUS@hours" strings, rejected ones marked with '!'. */
  static List<String> history(PriorAuthView view) {
    return view.getHistory().stream()
        .map(
            e ->
                e.getStatus()
                    + "@"
                    + (e.getStatusTimestamp() - PaEvents.T0.toEpochMilli()) / PaEvents.HOUR
                    + (e.getRejected() ? "!" : ""))
        .toList();
  }
}
