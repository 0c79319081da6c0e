package dev.healthstreams.topology.priorauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthstreams.avro.PriorAuthAnomaly;
import dev.healthstreams.avro.PriorAuthSlaEvent;
import dev.healthstreams.avro.PriorAuthStats;
import dev.healthstreams.avro.PriorAuthStatsPart;
import dev.healthstreams.avro.PriorAuthStatusChanged;
import dev.healthstreams.avro.PriorAuthView;
import dev.healthstreams.config.SettingsReader;
import dev.healthstreams.topology.OutputSummaries;
import dev.healthstreams.topology.Topic;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopologyContext;
import dev.healthstreams.topology.TopologyDefinition;
import dev.healthstreams.topology.ValueFormat;
import dev.healthstreams.topology.priorauth.PriorAuthOutput.AnomalyOut;
import dev.healthstreams.topology.priorauth.PriorAuthOutput.SlaOut;
import dev.healthstreams.topology.priorauth.PriorAuthOutput.StatsOut;
import dev.healthstreams.topology.priorauth.PriorAuthOutput.ViewOut;
import dev.healthstreams.topology.query.BenchQueries;
import dev.healthstreams.topology.query.LocalStores;
import dev.healthstreams.topology.query.OrderedScan;
import dev.healthstreams.topology.query.PartitionEntry;
import dev.healthstreams.topology.query.QueryEndpoint;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * prior-auth-projection: the read side of the prior-authorization workflow. Each status event is
 * applied to its PA's view (state machine, history, SLA clocks) by {@link PriorAuthProcessor}; the
 * views, anomalies and SLA events go out keyed by PA id. Each partition's part of a payer's
 * decision figures goes, whole and from time to time, by payer and urgency to {@link
 * PriorAuthStatsMerger}, which adds up the parts. Wiring only.
 */
public final class PriorAuthTopology implements TopologyDefinition<PriorAuthSettings> {
  public static final String NAME = "prior-auth-projection";
  public static final TopicRole<PriorAuthStatusChanged> STATUS_EVENTS =
      TopicRole.streamInput(
              "status-events",
              ValueFormat.avro(PriorAuthStatusChanged.class),
              "PriorAuthStatusChanged workflow events, keyed by PA id")
          .withSample("/sample/PriorAuthStatusChanged.ndjson.gz")
          .keyedBy("payload.priorAuthId");
  public static final TopicRole<PriorAuthView> VIEWS =
      TopicRole.output(
              "views",
              ValueFormat.avro(PriorAuthView.class),
              "PriorAuthView, the latest per PA id; a tombstone when retention deletes one")
          .asTable();
  public static final TopicRole<PriorAuthAnomaly> ANOMALIES =
      TopicRole.output(
          "anomalies",
          ValueFormat.avro(PriorAuthAnomaly.class),
          "PriorAuthAnomaly (illegal transitions), keyed by PA id");
  public static final TopicRole<PriorAuthSlaEvent> SLA =
      TopicRole.output(
          "sla",
          ValueFormat.avro(PriorAuthSlaEvent.class),
          "PriorAuthSlaEvent (BREACHED, RESOLVED), keyed by PA id");
  public static final TopicRole<PriorAuthStats> STATS =
      TopicRole.output(
              "stats",
              ValueFormat.avro(PriorAuthStats.class),
              "PriorAuthStats per payer and urgency, keyed <payer>|urgent or <payer>|standard")
          .asTable();
  static final String STATS_REPARTITION = "prior-auth-stats-parts-by-payer";
  private static final String SPLIT = "prior-auth-output-";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Prior-authorization status events projected to queryable views with SLA clocks and payer decision statistics";
  }

  @Override
  public List<TopicRole<?>> roles() {
    return List.of(STATUS_EVENTS, VIEWS, ANOMALIES, SLA, STATS, TopicRole.deadLetter());
  }

  @Override
  public SettingsReader<PriorAuthSettings> settingsReader() {
    return PriorAuthSettings.reader();
  }

  @Override
  public List<QueryEndpoint> queries(PriorAuthSettings settings) {
    return PriorAuthQueries.endpoints(PriorAuthTopology::reads);
  }

  /** The input is timed; the views, which every applied event writes, carry the latency. */
  @Override
  public Optional<BenchRoles> benchRoles() {
    return Optional.of(
        new BenchRoles(STATUS_EVENTS.name(), VIEWS.name())
            .withQueries(
                new BenchQueries(
                    id -> "/prior-auth/" + id,
                    List.of(
                        "/prior-auth?limit=50",
                        "/prior-auth?status=APPROVED&limit=50",
                        "/prior-auth/stats"))));
  }

  /** "APPROVED pa-1 patient=ID payer=..": statuses, ids and codes only. */
  @Override
  public String summarize(String role, JsonNode value) {
    return switch (role) {
      case "views" ->
          OutputSummaries.line(
              OutputSummaries.text(value, "status"),
              OutputSummaries.text(value, "priorAuthId"),
              OutputSummaries.text(value, "patientId"),
              "payer=" + OutputSummaries.text(value, "payerId") + clocks(value));
      case "anomalies" ->
          OutputSummaries.line(
              "ANOMALY",
              OutputSummaries.text(value, "priorAuthId"),
              "-",
              OutputSummaries.text(value, "fromStatus")
                  + " -> "
                  + OutputSummaries.text(value, "toStatus"));
      case "sla" ->
          OutputSummaries.line(
              "SLA-" + OutputSummaries.text(value, "kind"),
              OutputSummaries.text(value, "priorAuthId"),
              "-",
              OutputSummaries.text(value, "slaId")
                  + " payer="
                  + OutputSummaries.text(value, "payerId")
                  + " status-at-deadline="
                  + OutputSummaries.text(value, "statusAtDeadline"));
      case "stats" ->
          OutputSummaries.line(
              "STATS",
              OutputSummaries.text(value, "payerId"),
              "-",
              "urgent="
                  + OutputSummaries.text(value, "urgent")
                  + " pas="
                  + OutputSummaries.text(value, "priorAuths"));
      default -> OutputSummaries.generic(value);
    };
  }

  private static String clocks(JsonNode view) {
    StringBuilder line = new StringBuilder();
    JsonNode clocks = view == null ? null : view.get("clocks");
    if (clocks != null && clocks.isArray()) {
      for (JsonNode clock : clocks) {
        line.append(' ')
            .append(OutputSummaries.text(clock, "slaId"))
            .append('=')
            .append(OutputSummaries.text(clock, "state"));
      }
    }
    return line.toString();
  }

  @Override
  public Topology build(TopologyContext<PriorAuthSettings> context) {
    Topic<String, PriorAuthStatusChanged> input = context.topic(STATUS_EVENTS);
    Topic<String, PriorAuthView> views = context.topic(VIEWS);
    Topic<String, PriorAuthAnomaly> anomalies = context.topic(ANOMALIES);
    Topic<String, PriorAuthSlaEvent> sla = context.topic(SLA);
    Topic<String, PriorAuthStats> stats = context.topic(STATS);
    StreamsBuilder builder = context.streamsBuilder();
    Map<String, KStream<String, PriorAuthOutput>> outputs =
        builder.stream(input.name(), input.consumed("read-prior-auth-status"))
            .process(
                PriorAuthProcessor.supplier(
                    NAME, context.settings(), context.metrics(), views.valueSerde()),
                Named.as("project-prior-auth"))
            .split(Named.as(SPLIT))
            .branch((id, out) -> out instanceof ViewOut, Branched.as("views"))
            .branch((id, out) -> out instanceof AnomalyOut, Branched.as("anomalies"))
            .branch((id, out) -> out instanceof SlaOut, Branched.as("sla"))
            .defaultBranch(Branched.as("stats"));
    outputs
        .get(SPLIT + "views")
        .mapValues(out -> ((ViewOut) out).view(), Named.as("prior-auth-view"))
        .to(views.name(), views.produced("write-prior-auth-views"));
    outputs
        .get(SPLIT + "anomalies")
        .mapValues(out -> ((AnomalyOut) out).anomaly(), Named.as("prior-auth-anomaly"))
        .to(anomalies.name(), anomalies.produced("write-prior-auth-anomalies"));
    outputs
        .get(SPLIT + "sla")
        .mapValues(out -> ((SlaOut) out).event(), Named.as("prior-auth-sla-event"))
        .to(sla.name(), sla.produced("write-prior-auth-sla"));
    outputs
        .get(SPLIT + "stats")
        .mapValues(out -> ((StatsOut) out).part(), Named.as("prior-auth-stats-part"))
        .repartition(
            Repartitioned.with(Serdes.String(), context.avro(PriorAuthStatsPart.class))
                .withName(STATS_REPARTITION))
        .processValues(
            PriorAuthStatsMerger.supplier(stats.valueSerde()), Named.as("sum-prior-auth-stats"))
        .to(stats.name(), stats.produced("write-prior-auth-stats"));
    return builder.build();
  }

  /** This replica's stores as the list queries read them: each walk merges its partitions. */
  private static PriorAuthReads reads(LocalStores stores) {
    return new PriorAuthReads() {
      @Override
      public <R> R indexed(
          String name,
          String value,
          String afterId,
          Function<Iterator<PartitionEntry<PriorAuthView>>, R> walk) {
        Map<Integer, ReadOnlyKeyValueStore<String, PriorAuthView>> views =
            stores.partitions(PriorAuthProcessor.VIEW_STORE);
        String after = afterId == null ? null : PriorAuthIndexes.key(name, value, afterId);
        return OrderedScan.<String, R>walk(
            stores.partitions(PriorAuthIndexes.STORE),
            after == null ? PriorAuthIndexes.prefix(name, value) : after,
            PriorAuthIndexes.end(name, value),
            after,
            // A PA's index entries and view are in the same partition: one read there, when the
            // caller takes it.
            keys ->
                walk.apply(
                    new Iterator<>() {
                      @Override
                      public boolean hasNext() {
                        return keys.hasNext();
                      }

                      @Override
                      public PartitionEntry<PriorAuthView> next() {
                        PartitionEntry<String> key = keys.next();
                        String id = PriorAuthIndexes.priorAuthIdOf(name, value, key.key());
                        return new PartitionEntry<>(
                            key.partition(), id, views.get(key.partition()).get(id));
                      }
                    }));
      }

      @Override
      public <R> R views(
          String afterId, Function<Iterator<PartitionEntry<PriorAuthView>>, R> walk) {
        return OrderedScan.walk(
            stores.<String, PriorAuthView>partitions(PriorAuthProcessor.VIEW_STORE),
            afterId,
            null,
            afterId,
            walk);
      }

      @Override
      public <R> R stats(
          String prefix,
          String afterKey,
          Function<Iterator<PartitionEntry<PriorAuthStats>>, R> walk) {
        String from = afterKey != null && afterKey.compareTo(prefix) > 0 ? afterKey : prefix;
        return OrderedScan.walk(
            stores.<String, PriorAuthStats>partitions(PriorAuthStatsMerger.STATS_STORE),
            from.isEmpty() ? null : from,
            prefix.isEmpty() ? null : prefix + '\uffff',
            afterKey,
            walk);
      }
    };
  }
}
