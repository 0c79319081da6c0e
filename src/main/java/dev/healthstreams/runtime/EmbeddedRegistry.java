package dev.healthstreams.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio Registry as a child process, for embedded mode and integration tests. Storage is an H2
 * file under the data directory, so schemas and their ids survive restarts on the same directory;
 * the Confluent-compatible API is at {@link #url()}.
 */
public final class EmbeddedRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRegistry.class);
  private static final String CCOMPAT_PATH = "/apis/ccompat/v7";
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private final Process process;
  private final String url;
  private final Thread shutdownHook;

  private EmbeddedRegistry(Process process, String url) {
    this.process = process;
    this.url = url;
    this.shutdownHook = new Thread(this::stop, "embedded-registry-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts the registry keeping its storage under dataDir (survives restarts on the same dir);
   * waits until ready or throws after timeout.
   */
  public static EmbeddedRegistry start(Path dataDir, Duration timeout) {
    Path runner = RegistryDistribution.runnerJar();
    Path data = dataDir.toAbsolutePath();
    Path log = data.resolve("registry.log");
    int port;
    Process process;
    try {
      Files.createDirectories(data);
      port = RegistryPort.choose(data);
      process =
          new ProcessBuilder(command(runner, data, port))
              .directory(data.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the schema registry from " + runner, e);
    }
    RegistryPort.remember(data, port);
    EmbeddedRegistry registry =
        new EmbeddedRegistry(process, "http://127.0.0.1:" + port + CCOMPAT_PATH);
    try {
      registry.awaitReady(timeout, log);
    } catch (RuntimeException e) {
      registry.close();
      throw e;
    }
    LOG.info("schema registry ready at {} (pid {}, log {})", registry.url, process.pid(), log);
    return registry;
  }

  private static List<String> command(Path runner, Path data, int port) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return List.of(
        java,
        "-Xmx256m",
        "-Dquarkus.http.port=" + port,
        "-Dquarkus.http.host=127.0.0.1",
        "-Dquarkus.log.level=WARN",
        "-Dquarkus.http.access-log.enabled=false",
        "-Dapicurio.rules.global.compatibility=BACKWARD",
        "-Dapicurio.storage.kind=sql",
        "-Dapicurio.storage.sql.kind=h2",
        "-Dapicurio.datasource.url=jdbc:h2:file:" + data.resolve("registry"),
        // The defaults open 20 pooled connections up front; one user needs a handful.
        "-Dapicurio.datasource.jdbc.initial-size=2",
        "-Dapicurio.datasource.jdbc.min-size=2",
        "-Dapicurio.datasource.jdbc.max-size=10",
        "-jar",
        runner.toString());
  }

  /** e.g. {@code http://127.0.0.1:PORT/apis/ccompat/v7}. */
  public String url() {
    return url;
  }

  /** Stops the child process and waits for it. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to: it stops the process itself.
    }
    stop();
  }

  private void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy(); // SIGTERM: Quarkus shuts down and closes the H2 file cleanly
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitReady(Duration timeout, Path log) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create(url + "/subjects"))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (answers(http, probe)) {
        return;
      }
      if (exitedWithin(POLL_INTERVAL)) {
        throw new IllegalStateException(
            "schema registry exited with code "
                + process.exitValue()
                + " while starting; see "
                + log);
      }
    }
    throw new IllegalStateException(
        "schema registry not ready at " + url + " within " + timeout + "; see " + log);
  }

  private static boolean answers(HttpClient http, HttpRequest probe) {
    try {
      return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notYetListening) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the schema registry", e);
    }
  }

  /** Waits on the child's exit, which doubles as the pause between readiness probes. */
  private boolean exitedWithin(Duration wait) {
    try {
      process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException stillRunning) {
      return false;
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the schema registry", e);
    }
  }
}
