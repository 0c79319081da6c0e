package dev.healthstreams.chaos;

import dev.healthstreams.e2e.Http;
import dev.healthstreams.e2e.JarProcess;
import dev.healthstreams.testkit.Await;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One replica of the app: the jar's {@code run} command line (what the container runs) in its own
 * JVM, with its own config file, state directory, HTTP port and instance id. Each start writes its
 * own stdout and stderr files under the replica's directory, all kept for the log check.
 */
final class Replica implements AutoCloseable {
  static final List<String> TOPOLOGIES =
      List.of(ChaosInput.ALERTING, ChaosInput.INTERACTION, ChaosInput.PRIOR_AUTH);

  final String instanceId;
  final int httpPort;
  private final Path dir;
  private final Path config;
  private final List<String> jvmOptions;
  private final List<Path> logs = new ArrayList<>();
  private JarProcess process;
  private int starts;
  private int supervisedRestarts;
  private int livenessRestarts;

  /** When /health/live first failed, 0 while it answers: kept across waits, as a kubelet does. */
  private long notLiveSince;

  static final int SUPERVISED_RESTARTS = 3;
  private static final Path LOGBACK = testResource("chaos/replica-logback.xml");

  /** The kubelet's: /health/live failing 4 times 15 s apart. */
  static final Duration LIVENESS_GRACE = Duration.ofSeconds(60);

  Replica(String instanceId, int httpPort, Path dir, Path config, List<String> jvmOptions) {
    this.instanceId = instanceId;
    this.httpPort = httpPort;
    this.dir = dir;
    this.config = config;
    this.jvmOptions = jvmOptions;
  }

  synchronized void start() throws IOException {
    List<String> args = new ArrayList<>(List.of("run", "--config", config.toString()));
    TOPOLOGIES.forEach(t -> args.addAll(List.of("--topology", t)));
    // Its logback (chaos/replica-logback.xml) says why it logs more than the shipped one. DEBUG
    // names every alert the gate drops as a duplicate (ids and offsets only), so a missing alert
    // can be told from one never processed again.
    List<String> options = new ArrayList<>(jvmOptions);
    options.add("-Dlogback.configurationFile=" + LOGBACK);
    process = JarProcess.start(dir, Map.of(), options, args.toArray(String[]::new));
    logs.add(process.stdoutFile());
    logs.add(process.stderrFile());
    starts++;
    notLiveSince = 0;
  }

  /** {@code kill -9}. */
  synchronized void kill() throws InterruptedException {
    process.kill();
  }

  /** SIGTERM, then waits for the exit the shutdown timeout allows. */
  synchronized int terminate() throws Exception {
    process.terminate();
    return process.awaitExit(Duration.ofSeconds(90));
  }

  /** {@link #terminate()} for the end of a run, where the exit code no longer matters. */
  void terminateQuietly() {
    try {
      terminate();
    } catch (Exception e) {
      close();
    }
  }

  synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  String base() {
    return "http://127.0.0.1:" + httpPort;
  }

  /**
   * Waits for {@code /health/ready}, as the kubelet would (deploy/kubernetes): a replica that exits
   * before (a registry or broker too slow to answer its start-up checks on a loaded machine: exit
   * 1) is started again, and so is one whose {@code /health/live} has failed for {@link
   * #LIVENESS_GRACE} (a topology that stopped for good), at most {@link #SUPERVISED_RESTARTS} times
   * in all; the report counts both.
   */
  void awaitReady(Duration timeout) throws Exception {
    String[] lastAnswer = {"none"};
    try {
      Await.until(
          instanceId + " /health/ready to answer 200",
          timeout,
          () -> {
            if (!isAlive()) {
              restartSupervised("exited");
              return false;
            }
            var response = Http.get(base() + "/health/ready");
            lastAnswer[0] = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200) {
              return true;
            }
            if (Http.get(base() + "/health/live").statusCode() == 200) {
              notLiveSince = 0;
            } else if (notLiveSince == 0) {
              notLiveSince = System.nanoTime();
            } else if (System.nanoTime() - notLiveSince > LIVENESS_GRACE.toNanos()) {
              notLiveSince = 0;
              livenessRestarts++;
              kill();
              restartSupervised("failed liveness: " + lastAnswer[0]);
            }
            return false;
          });
    } catch (AssertionError notReady) {
      // On the first line, which is all a CI summary shows: the state each topology was stuck in.
      throw new AssertionError(
          notReady.getMessage()
              + "; it last answered "
              + lastAnswer[0]
              + "\nits last output:\n"
              + lastOutput(),
          notReady);
    }
  }

  private synchronized void restartSupervised(String why) throws IOException {
    if (supervisedRestarts >= SUPERVISED_RESTARTS) {
      throw new AssertionError(instanceId + " " + why + ":\n" + lastOutput());
    }
    supervisedRestarts++;
    start();
  }

  synchronized List<Path> logs() {
    return List.copyOf(logs);
  }

  synchronized int starts() {
    return starts;
  }

  /**
   * Restarts after exiting on its own or failing liveness before ready (see {@link #awaitReady}).
   */
  synchronized int supervisedRestarts() {
    return supervisedRestarts;
  }

  /** Of the {@link #supervisedRestarts}, those after failing liveness. */
  synchronized int livenessRestarts() {
    return livenessRestarts;
  }

  /** The last start's stdout and stderr, their ends. */
  private synchronized String lastOutput() throws IOException {
    return JarProcess.tail(process.stdout()) + "\n" + JarProcess.tail(process.stderr());
  }

  private static Path testResource(String name) {
    try {
      return Path.of(Replica.class.getClassLoader().getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The config the replicas share but for their state dir, HTTP port and instance id. */
  static Path writeConfig(
      Path file,
      String bootstrapServers,
      String registryUrl,
      Path stateDir,
      int httpPort,
      String instanceId,
      String guarantee)
      throws IOException {
    String yaml =
        Files.readString(Path.of("topologies.yaml"), StandardCharsets.UTF_8)
            .replace("${KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}", bootstrapServers)
            .replace("${SCHEMA_REGISTRY_URL:-http://localhost:8081}", registryUrl)
            .replace("${HEALTHSTREAMS_STATE_DIR:-/var/lib/healthstreams}", stateDir.toString())
            .replace("${HEALTHSTREAMS_HTTP_PORT:-8080}", Integer.toString(httpPort))
            .replace("${HOSTNAME:-}", instanceId)
            .replace(
                "# advertised-host: ${HEALTHSTREAMS_ADVERTISED_HOST}", "advertised-host: 127.0.0.1")
            .replace("processing-guarantee: exactly_once_v2", "processing-guarantee: " + guarantee)
            .replace("total-off-heap-mb: 256", "total-off-heap-mb: 64")
            .replace("write-buffer-mb: 64", "write-buffer-mb: 16")
            .replace("session-timeout: PT45S", "session-timeout: PT20S")
            // Kafka's default task idling: a restarted task waits for its Patients partition's
            // backlog instead of enriching an alert before the Patient is fetched (the app's -1
            // made 33 of 7,642 alerts go out without patient details in seed -3042667309089091314).
            .replace(
                "    security.protocol: ${KAFKA_SECURITY_PROTOCOL:-PLAINTEXT}",
                "    security.protocol: PLAINTEXT\n    max.task.idle.ms: 0");
    // Without suppression every firing is an alert, so the outputs do not depend on the order in
    // which one patient's Observations (keyed by their own ids) reach the gate.
    String unsuppressed =
        yaml.lines()
            .filter(
                l ->
                    !l.trim().startsWith("suppress-for:")
                        && !l.trim().startsWith("suppress-group:"))
            .reduce(new StringBuilder(), (b, l) -> b.append(l).append('\n'), StringBuilder::append)
            .toString();
    Files.writeString(file, unsuppressed, StandardCharsets.UTF_8);
    return file;
  }

  @Override
  public synchronized void close() {
    if (process != null) {
      process.close();
    }
  }
}
