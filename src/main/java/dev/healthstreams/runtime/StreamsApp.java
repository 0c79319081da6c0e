package dev.healthstreams.runtime;

import com.sun.net.httpserver.HttpHandler;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.deadletter.DeadLetterCounter;
import dev.healthstreams.runtime.metrics.KafkaMeterFilter;
import dev.healthstreams.runtime.query.QueryServer;
import dev.healthstreams.runtime.query.Replicas;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.serde.SchemaRegistryClient;
import dev.healthstreams.topology.BuildContext;
import dev.healthstreams.topology.query.QueryEndpoint;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running app: one KafkaStreams per selected topology, HTTP endpoints, one metrics registry.
 * Knows nothing of the command line.
 */
public final class StreamsApp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StreamsApp.class);

  private final PrometheusMeterRegistry metrics =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<RunningTopology> running = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicBoolean closing = new AtomicBoolean();
  private final AtomicBoolean allStarted = new AtomicBoolean();
  private SchemaRegistryClient registry;
  private HttpEndpoints http;
  private QueryRecordProducer queryRecords;

  private StreamsApp(boolean detailedKafkaMetrics) {
    // Kafka Streams names the RocksDB store tag differently per store kind; Prometheus wants one
    // tag key per metric name, so they all become `store`.
    for (String kind :
        new String[] {"rocksdb.state.id", "rocksdb.window.state.id", "rocksdb.session.state.id"}) {
      metrics.config().meterFilter(MeterFilter.renameTag("kafka.stream.state", kind, "store"));
    }
    metrics.config().meterFilter(KafkaMeterFilter.forSettings(detailedKafkaMetrics));
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmGcMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    new ProcessorMetrics().bindTo(metrics);
  }

  /** Builds and starts the named topologies (already validated as configured). */
  public static StreamsApp start(AppConfig config, List<String> topologyNames) {
    StreamsApp app = new StreamsApp(config.app().detailedKafkaMetrics());
    try {
      app.startAll(config, topologyNames);
      return app;
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
  }

  private void startAll(AppConfig config, List<String> names) {
    registry =
        SchemaRegistries.connect(config.kafka().schemaRegistryUrl(), config.kafka().properties());
    BuildContext context = new BuildContext(new AvroSerdes(registry), metrics);
    List<BuiltTopology> built = new ArrayList<>();
    for (String name : names) {
      built.add(BuiltTopology.build(config.topology(name).orElseThrow(), context));
    }
    Preflight.check(config, built, registry);
    built.forEach(topology -> TopicSeeder.seed(config, topology, context.avro()));
    createStateDir(config);
    // Listening before any KafkaStreams starts: with http-port 0 only the bound socket knows the
    // port, and application.server must carry it so that peers can forward queries here.
    http =
        HttpEndpoints.start(
            config.app().httpPort(), metrics, () -> List.copyOf(running), allStarted::get);
    HostInfo self = Replicas.advertised(config.app().query().advertisedHost(), http.port());
    http.route("/", queryHandler(config, built, self));
    log.info("HTTP endpoints on port {}, advertised as {}", http.port(), Replicas.address(self));
    DeadLetterCounter deadLetters = new DeadLetterCounter(metrics);
    for (BuiltTopology topology : built) {
      Properties props = StreamsProperties.forTopology(config, topology, deadLetters);
      props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, Replicas.address(self));
      running.add(RunningTopology.start(topology, props, metrics, config.app().replicas()));
      log.info(
          "topology={} started as application.id={}",
          topology.name(),
          config.app().applicationId(topology.name()));
    }
    allStarted.set(true);
  }

  private HttpHandler queryHandler(AppConfig config, List<BuiltTopology> built, HostInfo self) {
    Map<String, List<QueryEndpoint>> endpoints = new LinkedHashMap<>();
    built.forEach(topology -> endpoints.put(topology.name(), topology.queries(metrics)));
    queryRecords = new QueryRecordProducer(config);
    return QueryServer.handler(
        self, config.app().query().maxLag(), endpoints, this::streamsOf, metrics, queryRecords);
  }

  private Optional<KafkaStreams> streamsOf(String topology) {
    return topologies().stream()
        .filter(running -> running.name().equals(topology))
        .findFirst()
        .map(RunningTopology::streams);
  }

  private static void createStateDir(AppConfig config) {
    try {
      Files.createDirectories(config.app().stateDir());
    } catch (IOException e) {
      throw new StartupException("cannot create state dir " + config.app().stateDir(), e);
    }
  }

  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  public List<RunningTopology> topologies() {
    return List.copyOf(running);
  }

  public int httpPort() {
    return http.port();
  }

  /** Blocks until {@link #close()} ran (from the shutdown hook on SIGTERM, say). */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  /** Idempotent: the shutdown hook and a try-with-resources may both get here. */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    if (http != null) {
      http.close();
    }
    Map<String, Runnable> closers = new LinkedHashMap<>();
    running.forEach(topology -> closers.put(topology.name(), topology::close));
    ParallelClose.closeAll(closers);
    if (queryRecords != null) {
      queryRecords.close();
    }
    if (registry != null) {
      registry.close();
    }
    metrics.close();
    closed.countDown();
  }
}
