package dev.healthstreams.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Runs the CLI in-process and captures what it printed; config files for tests. */
final class CliRunner {
  /** A stack-trace line such as "\tat org.apache.kafka.Foo.bar(Foo.java:12)". */
  private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [\\w.$]+\\(");

  private CliRunner() {}

  record Result(int exitCode, String out, String err) {
    String describe() {
      return "exit " + exitCode + "\n--- out:\n" + out + "\n--- err:\n" + err;
    }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  /** A loopback port nothing listens on (bound then released). */
  static int unusedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A valid config with literal addresses (no ${...}: neither the environment nor an embedded.env
   * can redirect it) and one configured observation-alerting topology.
   */
  static String validConfig(String bootstrap, String registryUrl, Path stateDir) {
    return """
        kafka:
          bootstrap-servers: %s
          schema-registry-url: %s
        app:
          state-dir: %s
          http-port: 0
          processing-guarantee: at_least_once
          startup-timeout: PT3S
        topologies:
          observation-alerting:
            topics:
              observations: test.obs.in
              patients: test.patients.in
              alerts: test.alerts.out
              dead-letter: test.alerting.dlq
            rules:
              - id: tachycardia-severe
                code: http://loinc.org|8867-4
                comparator: ge
                threshold: 131
                unit: "/min"
                severity: critical
                description: Heart rate at or above 131 /min
        """
        .formatted(bootstrap, registryUrl, stateDir);
  }

  /**
   * The repository's topologies.yaml (every topology configured) under {@code guarantee}; fails
   * when the file no longer sets the guarantee as this expects, rather than test the default.
   */
  static String shippedConfig(String guarantee) {
    String shipped;
    try {
      shipped = Files.readString(Path.of("topologies.yaml"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String line = "processing-guarantee: exactly_once_v2";
    if (!shipped.contains(line)) {
      throw new IllegalStateException("topologies.yaml no longer has '" + line + "'");
    }
    return shipped.replace(line, "processing-guarantee: " + guarantee);
  }

  static Path write(Path dir, String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void assertNoStackTrace(Result result) {
    for (String stream : new String[] {result.out(), result.err()}) {
      assertFalse(stream.contains("at dev."), result::describe);
      assertFalse(stream.contains("Exception in thread"), result::describe);
      assertFalse(STACK_FRAME.matcher(stream).find(), result::describe);
    }
  }
}
