package dev.healthstreams.chaos;

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
import java.util.concurrent.TimeUnit;

/**
 * {@link ChaosBroker} in its own JVM (the app's jar and the test classes on its class path), each
 * start logging to its own file under the log directory; killed with SIGKILL and started again on
 * the same data directory.
 */
final class BrokerProcess implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(300);

  private final Path dataDir;
  private final Path logDir;
  private final List<Path> logs = new ArrayList<>();
  private Process process;
  private String bootstrapServers;

  BrokerProcess(Path dataDir, Path logDir) {
    this.dataDir = dataDir;
    this.logDir = logDir;
  }

  /** Starts the broker and waits until it accepts admin requests. */
  void start() throws Exception {
    Files.createDirectories(logDir);
    Path log = logDir.resolve("broker-" + (logs.size() + 1) + ".log");
    logs.add(log);
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-Dlogback.configurationFile=" + resource("chaos/broker-logback.xml"),
            "-cp",
            JarProcess.jar() + java.io.File.pathSeparator + testClasses(),
            ChaosBroker.class.getName(),
            dataDir.toString());
    process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Await.until(
        "the broker to print " + ChaosBroker.READY.trim() + " in " + log,
        READY_TIMEOUT,
        () -> {
          if (!process.isAlive()) {
            throw new AssertionError("broker exited:\n" + JarProcess.tail(read(log)));
          }
          return read(log).contains(ChaosBroker.READY);
        });
    String text = read(log);
    int at = text.indexOf(ChaosBroker.READY) + ChaosBroker.READY.length();
    bootstrapServers = text.substring(at, text.indexOf('\n', at)).trim();
  }

  /** {@code kill -9}: the broker gets no chance to flush or close its logs cleanly. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  List<Path> logs() {
    return List.copyOf(logs);
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  private static String read(Path log) throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  private static Path testClasses() throws URISyntaxException {
    return Path.of(ChaosBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(BrokerProcess.class.getClassLoader().getResource(name).toURI());
  }
}
