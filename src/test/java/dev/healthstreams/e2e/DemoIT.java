package dev.healthstreams.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README's run command: `java -jar target/healthstreams.jar demo`, from a fresh directory. */
class DemoIT {
  @TempDir Path dir;

  @Test
  void shouldPrintEveryAlertOfTheBundledSampleWithinAMinute() throws Exception {
    int expected =
        ExpectedAlerts.of(List.of(Path.of("src/main/resources/sample/Observation.ndjson.gz")))
            .emittedAlertIds()
            .size();
    try (JarProcess demo = JarProcess.start(dir, Map.of(), "demo", "--duration", "50s")) {
      assertEquals(0, demo.awaitExit(Duration.ofSeconds(150)), JarProcess.tail(demo.stderr()));
      String out = demo.stdout();
      long alertLines =
          out.lines().filter(l -> l.matches("^#\\d+\\s+clinical\\.alerts\\s.*")).count();
      assertEquals(expected, alertLines, out);
      Matcher summary = Pattern.compile("(?m)^(\\d+) records emitted$").matcher(out);
      assertTrue(summary.find(), out);
      assertEquals(expected, Integer.parseInt(summary.group(1)));
      assertTrue(!out.contains("patientName"), "no names on the terminal");
    }
  }
}
