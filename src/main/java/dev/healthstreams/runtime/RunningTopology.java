package dev.healthstreams.runtime;

import dev.healthstreams.config.AppSettings.ReplicaSettings;
import dev.healthstreams.runtime.deadletter.GlobalDeadLetterWriter;
import dev.healthstreams.runtime.metrics.EndToEndLatency;
import dev.healthstreams.runtime.metrics.OutputLatencyInterceptor;
import dev.healthstreams.runtime.metrics.TopologyGauges;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One topology's KafkaStreams: started, observed (state, restore progress, metrics), closed. */
public final class RunningTopology implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RunningTopology.class);

  /**
   * How soon the metrics of new tasks, stores and partitions (after a rebalance) reach /metrics.
   * Micrometer's default is a minute; a pass over the client's metric map every 10 s is cheap.
   */
  private static final Duration METRICS_REFRESH = Duration.ofSeconds(10);

  private final String name;
  private final KafkaStreams streams;
  private final RestoreProgress restore = new RestoreProgress();
  private final ScheduledExecutorService metricsRefresh;
  private final KafkaStreamsMetrics metrics;
  private final TopologyGauges gauges;
  private final ReplicaSettings replicas;
  private final CleanExitMarker cleanExit;
  private final boolean exactlyOnce;
  private final GlobalDeadLetterWriter globalDeadLetters;
  private final AutoCloseable committedInput;

  private RunningTopology(
      BuiltTopology topology, Properties props, MeterRegistry registry, ReplicaSettings replicas) {
    this.name = topology.name();
    this.replicas = replicas;
    this.cleanExit =
        CleanExitMarker.of(
            Path.of(
                props.getProperty(
                    StreamsConfig.STATE_DIR_CONFIG,
                    // Kafka Streams' own default
                    Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams").toString())),
            props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
    this.exactlyOnce =
        StreamsConfig.EXACTLY_ONCE_V2.equals(
            props.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
    Properties withLatency = new Properties();
    withLatency.putAll(props);
    OutputLatencyInterceptor.install(
        withLatency, new EndToEndLatency(registry, name, outputTopics(topology)));
    this.globalDeadLetters = GlobalDeadLetterWriter.install(withLatency);
    this.committedInput = CommittedInputOffsets.installUnderAtLeastOnce(withLatency, name);
    this.streams = new KafkaStreams(topology.topology(), withLatency);
    streams.setGlobalStateRestoreListener(restore);
    streams.setStateListener(
        (now, before) -> log.info("topology={} state {} -> {}", name, before, now));
    // A thread that dies on an unexpected error is replaced; a refusal by the cluster stops this
    // topology only (StreamThreadFailures).
    streams.setUncaughtExceptionHandler(error -> StreamThreadFailures.respond(name, error));
    this.metricsRefresh = DaemonThreads.scheduler("healthstreams-metrics-" + name);
    // Tagged with the topology: Kafka's own tags name clients and threads, not topologies.
    this.metrics =
        new KafkaStreamsMetrics(
            streams, Tags.of("topology", name), metricsRefresh, METRICS_REFRESH);
    metrics.bindTo(registry);
    this.gauges =
        new TopologyGauges(
            registry, name, streams::state, restore::remainingRecords, restore::runningSeconds);
  }

  /** What end-to-end latency times: every external topic written but the dead letters. */
  private static List<String> outputTopics(BuiltTopology topology) {
    return topology.sinkTopics().stream()
        .filter(topic -> !topic.equals(topology.deadLetterTopic()))
        .toList();
  }

  public static RunningTopology start(
      BuiltTopology topology, Properties props, MeterRegistry registry) {
    return start(topology, props, registry, ReplicaSettings.DEFAULTS);
  }

  public static RunningTopology start(
      BuiltTopology topology, Properties props, MeterRegistry registry, ReplicaSettings replicas) {
    RunningTopology running = new RunningTopology(topology, props, registry, replicas);
    running.dropStateOfAnUncleanExit();
    running.cleanExit.markRunning();
    running.streams.start();
    return running;
  }

  /**
   * Under exactly_once_v2, drops the local state a crashed run left (see {@link CleanExitMarker}
   * for why). At-least-once keeps it: Kafka Streams reuses dirty state there, and nothing aborts.
   */
  private void dropStateOfAnUncleanExit() {
    if (exactlyOnce && cleanExit.previousRunEndedUncleanly()) {
      log.warn(
          "topology={} did not close cleanly last time: dropping its local state, to be restored"
              + " from the changelogs",
          name);
      streams.cleanUp();
    }
  }

  public String name() {
    return name;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  public KafkaStreams streams() {
    return streams;
  }

  public RestoreProgress restore() {
    return restore;
  }

  /**
   * Commits and closes within {@code app.shutdown-timeout}. A dynamic member leaves the group, so
   * its partitions move at once rather than after the session timeout; a static one stays, so a
   * restart within the session timeout moves none.
   */
  @Override
  public void close() {
    GroupMembershipOperation membership =
        replicas.isStatic()
            ? GroupMembershipOperation.REMAIN_IN_GROUP
            : GroupMembershipOperation.LEAVE_GROUP;
    boolean closed =
        streams.close(
            CloseOptions.groupMembershipOperation(membership)
                .withTimeout(replicas.shutdownTimeout()));
    if (closed) {
      cleanExit.markClosedCleanly();
    } else {
      log.warn(
          "topology={} did not close within {}; exiting anyway", name, replicas.shutdownTimeout());
    }
    globalDeadLetters.close(); // after the streams: their global thread may still be writing
    closeQuietly(committedInput);
    metrics.close();
    metricsRefresh.shutdownNow();
    gauges.close();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      log.debug("close failed: {}", e.toString());
    }
  }
}
