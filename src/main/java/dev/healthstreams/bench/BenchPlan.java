package dev.healthstreams.bench;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.TopologyConfig;
import dev.healthstreams.runtime.TopicSpec;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.ValueFormat;
import dev.healthstreams.topology.query.BenchQueries;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What the bench does with one topology in one run, derived from its declarations alone (no
 * broker): the topics it provisions, the other sampled inputs it loads first (tables, and streams
 * such as consents), the stream input it times, the output it reads latency on, and which copies of
 * the samples each phase takes. Tables hold every copy the phases use; throughput, latency and
 * warm-up take copies of their own, and the rate probe and each latency point a part of the latency
 * copies, so no phase meets a record an earlier one sent.
 *
 * @param config this topology alone, its topics renamed for this run
 * @param latencyPoints the loads of the latency curve, each with a part of the latency copies
 * @param inputCap at most how many records the throughput phase sends (warm-up: twice that)
 * @param topics the external topics to create, by name
 * @param output the output latency is read on; null for a topology that writes none (the read-only
 *     ceiling)
 * @param queries the HTTP queries timed after the stream phases
 * @param latencyTarget the p99 the topology declares for its curve; null: the bench's
 */
public record BenchPlan(
    String topology,
    AppConfig config,
    int copies,
    int latencyPoints,
    Feed input,
    long inputCap,
    List<Feed> tables,
    String output,
    Map<String, TopicSpec> topics,
    BenchQueries queries,
    Duration latencyTarget) {

  /**
   * A topic fed from a sample.
   *
   * @param avro the record class an Avro role's sample lines are encoded as; null for FHIR and JSON
   *     roles, whose lines are sent as they are
   */
  public record Feed(
      String role, String topic, String sample, Class<? extends SpecificRecord> avro) {
    public Feed(String role, String topic, String sample) {
      this(role, topic, sample, null);
    }

    static Feed of(TopicRole<?> role, String topic) {
      Class<? extends SpecificRecord> avro =
          role.format() instanceof ValueFormat.Avro<?> format ? format.type() : null;
      return new Feed(role.name(), topic, role.sample(), avro);
    }
  }

  /** Copies {@code [from, to)} of a sample, at most {@code cap} records. */
  public record Slice(int from, int to, long cap) {}

  public BenchPlan {
    tables = List.copyOf(tables);
    topics = Collections.unmodifiableMap(new LinkedHashMap<>(topics));
  }

  /**
   * The config of a second replica of the topology, for the query phase: its own state dir and HTTP
   * port.
   */
  public AppConfig secondReplica() {
    return config.withApp(
        config
            .app()
            .withStateDir(config.app().stateDir().resolveSibling("replica-2"))
            .withHttpPort(0));
  }

  /**
   * The same plan with the topology's {@code commit.interval.ms} set to {@code millis}, the other
   * keys of its streams block kept.
   */
  public BenchPlan withCommitInterval(int millis) {
    TopologyConfig<?> own = config.topology(topology).orElseThrow();
    Map<String, String> streams = new LinkedHashMap<>(own.streams());
    streams.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, String.valueOf(millis));
    Map<String, TopologyConfig<?>> topologies = new LinkedHashMap<>(config.topologies());
    topologies.put(topology, own.withStreams(streams));
    return new BenchPlan(
        topology,
        new AppConfig(config.kafka(), config.app(), topologies),
        copies,
        latencyPoints,
        input,
        inputCap,
        tables,
        output,
        topics,
        queries,
        latencyTarget);
  }

  /** The consumer group whose commits say how far the topology got. */
  public String applicationId() {
    return config.app().applicationId(topology);
  }

  public Set<String> tableTopics() {
    Set<String> topics = new LinkedHashSet<>();
    tables.forEach(t -> topics.add(t.topic()));
    return topics;
  }

  /** Tables: every copy of the three phases (throughput, latency, warm-up). */
  public Slice tableCopies() {
    return new Slice(0, 3 * copies, Long.MAX_VALUE);
  }

  /**
   * Warm-up: twice the timed input, on copies the measured phases do not use. After a quarter of
   * it, C2 was still compiling through the timed phase.
   */
  public Slice warmUp() {
    return new Slice(
        2 * copies, 3 * copies, inputCap > Long.MAX_VALUE / 2 ? inputCap : 2 * inputCap);
  }

  /**
   * At most how many rounds of warm-up a topology gets: another only while the JIT compilers were
   * still busy in the last one (see TopologyBench).
   */
  public static final int WARM_UP_ROUNDS = 3;

  /**
   * Warm-up round {@code round} (0: the first): a part of the warm-up copies of its own, at most
   * the warm-up's cap, so a later round meets no record an earlier one sent (a duplicate takes a
   * shorter path than a new record, and would warm up less). With fewer copies than rounds (a tiny
   * run), every round takes all of them.
   */
  public Slice warmUpRound(int round) {
    if (round < 0 || round >= WARM_UP_ROUNDS) {
      throw new IllegalArgumentException("warm-up round " + round + " of " + WARM_UP_ROUNDS);
    }
    Slice all = warmUp();
    int size = copies / WARM_UP_ROUNDS;
    if (size == 0) {
      return all;
    }
    int from = all.from() + round * size;
    int to = round == WARM_UP_ROUNDS - 1 ? all.to() : from + size;
    return new Slice(from, to, all.cap());
  }

  public Slice throughput() {
    return new Slice(0, copies, inputCap);
  }

  /** Latency: copies the throughput phase did not use, at most {@code cap} records. */
  public Slice latency(long cap) {
    return new Slice(copies, 2 * copies, cap);
  }

  /**
   * Latency point {@code point} of the curve (0: the lowest load): a part of the latency copies of
   * its own, after the probe's, so no point meets records an earlier one sent (outputs such as
   * medication-interaction's fire once per pair, a PA event counts once). The parts share the
   * latency copies rather than adding copies to the tables, so the state is the size it was before
   * the curve (one run with 7 × 834 copies in the tables had medication-interaction at 469
   * requests/s and no alert in any point; the cause was not found). A small sample (a few dozen PA
   * events a copy) then runs out before the point's duration; the point's warm-up shrinks to fit
   * (see TopologyBench).
   */
  public Slice latencyPoint(int point, long cap) {
    if (point < 0 || point >= latencyPoints) {
      throw new IllegalArgumentException(
          "latency point " + point + " of " + latencyPoints + " planned");
    }
    return latencyPart(point + 1, cap);
  }

  /** The rate probe's part of the latency copies: the first. */
  public Slice probe(long cap) {
    return latencyPart(0, cap);
  }

  // With fewer copies than parts (a tiny run), every part takes all of them.
  private Slice latencyPart(int part, long cap) {
    int size = copies / (latencyPoints + 1);
    if (size == 0) {
      return latency(cap);
    }
    return new Slice(copies + part * size, copies + (part + 1) * size, cap);
  }

  public Iterator<ScaledRecord> input(InputScaler scaler, Slice slice) {
    return scaler.stream(input.sample(), slice.from(), slice.to(), slice.cap());
  }

  public long inputRecords(InputScaler scaler, Slice slice) {
    return scaler.streamCount(input.sample(), slice.from(), slice.to(), slice.cap());
  }

  public Iterator<ScaledRecord> table(InputScaler scaler, Feed table) {
    Slice all = tableCopies();
    return scaler.table(table.sample(), all.from(), all.to());
  }

  public long tableRecords(InputScaler scaler, Feed table) {
    Slice all = tableCopies();
    return scaler.tableCount(table.sample(), all.from(), all.to());
  }
}
