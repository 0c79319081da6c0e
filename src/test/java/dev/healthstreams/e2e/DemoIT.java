package dev.healthstreams.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.topology.interaction.SimpleInteractionOracle;
import java.nio.file.Files;
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

  private static int expectedInteractions() throws Exception {
    Path sample = Path.of("src/main/resources/sample");
    return new SimpleInteractionOracle(
            Files.readString(Path.of("src/main/resources/knowledge/interactions.yaml")))
        .run(
            List.of(sample.resolve("Medication.ndjson.gz")),
            List.of(sample.resolve("MedicationRequest.ndjson.gz")))
        .size();
  }

  /** "#3 clinical.alerts HIGH rule-id patient=ID value=..." -> "rule-id ID". */
  private static String ruleAndPatient(String line) {
    Matcher m = Pattern.compile("\\s(\\S+)\\s+patient=(\\S+)").matcher(line);
    return m.find() ? m.group(1) + " " + m.group(2) : line;
  }

  @Test
  void shouldPrintEveryAlertOfTheBundledSampleWithinAMinute() throws Exception {
    ExpectedAlerts expected =
        ExpectedAlerts.of(List.of(Path.of("src/main/resources/sample/Observation.ndjson.gz")));
    try (JarProcess demo = JarProcess.start(dir, Map.of(), "demo", "--duration", "50s")) {
      assertEquals(0, demo.awaitExit(Duration.ofSeconds(150)), JarProcess.tail(demo.stderr()));
      String out = demo.stdout();
      List<String> alertLines =
          out.lines().filter(l -> l.matches("^#\\d+\\s+clinical\\.alerts\\s.*")).toList();
      // Which of two same-severity alerts a run suppresses depends on arrival order: every line
      // must be a real firing, and every (patient, suppress-group) that fires must show.
      assertTrue(alertLines.size() >= expected.minimumAlerts(), out);
      assertTrue(alertLines.size() <= expected.firings().size(), out);
      for (String line : alertLines) {
        assertTrue(expected.rulePatientPairs().contains(ruleAndPatient(line)), line);
      }
      // The sample's requests carry their final status: each pair of active interacting ones
      // alerts once, whatever the order.
      long medicationLines =
          out.lines().filter(l -> l.matches("^#\\d+\\s+alerts\\.medication\\s.*")).count();
      assertEquals(expectedInteractions(), medicationLines, out);
      Matcher summary = Pattern.compile("(?m)^(\\d+) records emitted$").matcher(out);
      assertTrue(summary.find(), out);
      long outputLines = out.lines().filter(l -> l.matches("^#\\d+\\s+\\S+\\s.*")).count();
      assertEquals(outputLines, Integer.parseInt(summary.group(1)), "every output is printed");
      assertTrue(!out.contains("patientName"), "no names on the terminal");
    }
  }
}
