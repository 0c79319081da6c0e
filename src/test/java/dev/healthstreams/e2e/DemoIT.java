package dev.healthstreams.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.testkit.Await;
import dev.healthstreams.topology.interaction.SimpleInteractionOracle;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's run command, `java -jar target/healthstreams.jar demo`, from a fresh directory: as plain
 * lines when stdout is a file, redrawn in place under a pseudo-terminal; stopped as Ctrl-C stops
 * it, once its summary shows every sample record read and every expected alert.
 */
class DemoIT {
  private static final Path SAMPLE = Path.of("src/main/resources/sample");

  /** Ends as soon as the summary is complete (about 30 s); long only for a loaded machine. */
  private static final Duration PATIENCE = Duration.ofSeconds(300);

  /** "observation-alerting RUNNING in 2393/2393 out 26 dead 0", a topology's figures. */
  private static final Pattern FIGURES =
      Pattern.compile("(?m)^(\\S+)\\s+(\\S+)\\s+in (\\d+)/(\\d+)\\s+out (\\d+)\\s+dead (\\d+)$");

  private static Map<String, Long> expectedRead;
  private static ExpectedAlerts expectedAlerts;
  private static int expectedInteractions;

  @TempDir Path dir;

  record Figures(String state, long read, long fed, long out, long dead) {}

  /** What each topology reads of the bundled sample, counted here from the files. */
  @BeforeAll
  static void countTheSample() throws Exception {
    long patients = lines("Patient.ndjson.gz");
    long observations = lines("Observation.ndjson.gz");
    expectedRead = new LinkedHashMap<>();
    expectedRead.put("observation-alerting", observations + patients);
    expectedRead.put(
        "medication-interaction",
        lines("MedicationRequest.ndjson.gz") + lines("Medication.ndjson.gz") + patients);
    expectedRead.put(
        "consent-table", lines("PatientConsentEvent.ndjson.gz") + lines("AccessRequest.ndjson.gz"));
    expectedRead.put("prior-auth-projection", lines("PriorAuthStatusChanged.ndjson.gz"));
    expectedRead.put(
        "canonical-sync", patients + observations + lines("PharmacyPrescription.ndjson.gz"));
    expectedAlerts = ExpectedAlerts.of(List.of(SAMPLE.resolve("Observation.ndjson.gz")));
    // The sample's requests carry their final status: each pair of active interacting ones
    // alerts once, whatever the order.
    expectedInteractions =
        new SimpleInteractionOracle(
                Files.readString(Path.of("src/main/resources/knowledge/interactions.yaml")))
            .run(
                List.of(SAMPLE.resolve("Medication.ndjson.gz")),
                List.of(SAMPLE.resolve("MedicationRequest.ndjson.gz")))
            .size();
  }

  private static long lines(String file) throws IOException {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(SAMPLE.resolve(file))),
                StandardCharsets.UTF_8))) {
      return reader.lines().filter(l -> !l.isBlank()).count();
    }
  }

  /** The figures of the last summary in {@code text}, by topology. */
  private static Map<String, Figures> lastFigures(String text) {
    Map<String, Figures> figures = new LinkedHashMap<>();
    Matcher m = FIGURES.matcher(text);
    while (m.find()) {
      figures.put(
          m.group(1),
          new Figures(
              m.group(2),
              Long.parseLong(m.group(3)),
              Long.parseLong(m.group(4)),
              Long.parseLong(m.group(5)),
              Long.parseLong(m.group(6))));
    }
    return figures;
  }

  /** Every sample record read and every alert the sample must raise shown. */
  private static boolean complete(Map<String, Figures> figures) {
    if (!figures.keySet().equals(expectedRead.keySet())) {
      return false;
    }
    for (var expected : expectedRead.entrySet()) {
      Figures f = figures.get(expected.getKey());
      if (f.read() != expected.getValue() || f.fed() != expected.getValue()) {
        return false;
      }
    }
    // canonical-sync's outputs come a hop later (its identity repartition): reading its whole
    // sample does not mean it has written anything yet.
    if (figures.values().stream().anyMatch(f -> f.out() == 0)) {
      return false;
    }
    return figures.get("medication-interaction").out() == expectedInteractions
        && figures.get("observation-alerting").out() >= expectedAlerts.minimumAlerts();
  }

  /** The final summary's figures: the whole sample read and the alerts the oracles expect. */
  private static void assertFinalFigures(Map<String, Figures> figures, String text) {
    assertEquals(expectedRead.keySet(), figures.keySet(), text);
    expectedRead.forEach(
        (topology, records) -> {
          assertEquals(records, figures.get(topology).read(), topology + " read\n" + text);
          assertEquals(records, figures.get(topology).fed(), topology + " fed\n" + text);
        });
    assertEquals(expectedInteractions, figures.get("medication-interaction").out(), text);
    // Which of two same-severity alerts a run suppresses depends on arrival order.
    long alerts = figures.get("observation-alerting").out();
    assertTrue(alerts >= expectedAlerts.minimumAlerts(), text);
    assertTrue(alerts <= expectedAlerts.firings().size(), text);
  }

  /** "#3 clinical.alerts HIGH rule-id patient=ID value=..." -> "rule-id ID". */
  private static String ruleAndPatient(String line) {
    Matcher m = Pattern.compile("\\s(\\S+)\\s+patient=(\\S+)").matcher(line);
    return m.find() ? m.group(1) + " " + m.group(2) : line;
  }

  @Test
  void shouldPrintPlainLinesWhenStdoutIsNotATerminal() throws Exception {
    try (JarProcess demo = JarProcess.start(dir, Map.of("TERM", "xterm"), "demo")) {
      awaitComplete(demo, () -> demo.stdout(), out -> true);
      demo.terminate(); // Ctrl-C
      demo.awaitExit(Duration.ofSeconds(90));
      String out = demo.stdout();
      assertFalse(out.contains("\u001b["), "no escape sequences in plain lines");
      int summary = out.lastIndexOf("healthstreams demo: stopped after");
      assertTrue(summary >= 0, "a final summary\n" + JarProcess.tail(out));
      String finalSummary = out.substring(summary);
      Map<String, Figures> figures = lastFigures(finalSummary);
      assertFinalFigures(figures, finalSummary);

      // Every output as a line, in the topology's own words: real firings only.
      List<String> records = out.lines().filter(l -> l.matches("^#\\d+\\s+\\S+\\s.*")).toList();
      long outputs = figures.values().stream().mapToLong(Figures::out).sum();
      long deadLetters = figures.values().stream().mapToLong(Figures::dead).sum();
      assertEquals(outputs + deadLetters, records.size(), "every output and dead letter printed");
      for (String line : records) {
        if (line.matches("^#\\d+\\s+clinical\\.alerts\\s.*")) {
          assertTrue(expectedAlerts.rulePatientPairs().contains(ruleAndPatient(line)), line);
        }
      }
      assertTrue(finalSummary.contains("/health/ready"), finalSummary);
      assertTrue(finalSummary.contains("/metrics"), finalSummary);
      assertTrue(out.contains("logs go to .healthstreams/demo/demo.log"), out);
      assertTrue(Files.size(dir.resolve(".healthstreams/demo/demo.log")) > 0, "logs in the file");
      assertFalse(out.contains("patientName"), "no names on the terminal");
    }
  }

  @Test
  void shouldRedrawInPlaceUnderAPseudoTerminal() throws Exception {
    Assumptions.assumeTrue(
        JarProcess.scriptAvailable(),
        "util-linux `script` is missing: cannot give the demo a pseudo-terminal here");
    // A size the frame fits in with its recent outputs; an unsized pty would mean 80 by 24.
    Map<String, String> env = Map.of("TERM", "xterm-256color", "COLUMNS", "200", "LINES", "80");
    try (JarProcess demo = JarProcess.startUnderTerminal(dir, env, "demo")) {
      // The frame's example links are filled from the stores once they hold a key.
      awaitComplete(
          demo,
          () -> lastFrame(demo.stdout()),
          frame -> frame.contains("/prior-auth/pa-demo-") && frame.contains("/sync/sources/ehr/"));
      demo.terminateJvm(); // Ctrl-C
      demo.awaitExit(Duration.ofSeconds(90));
      String out = demo.stdout().replace("\r\n", "\n");
      assertTrue(out.contains("\u001b[J"), "clears below the cursor\n" + JarProcess.tail(out));
      Matcher up = Pattern.compile("\u001b\\[(\\d+)A").matcher(out);
      assertTrue(up.find() && Integer.parseInt(up.group(1)) > 5, "moves up over the last frame");
      String finalFrame = lastFrame(out);
      assertTrue(finalFrame.startsWith("healthstreams demo: stopped after"), finalFrame);
      assertFinalFigures(lastFigures(finalFrame), finalFrame);
      assertTrue(finalFrame.contains("  > "), "the last outputs\n" + finalFrame);
      assertTrue(finalFrame.contains("/health/ready"), finalFrame);
      // Key lookups with real keys from the stores, not their templates.
      assertFalse(finalFrame.contains("/prior-auth/{id}"), finalFrame);
      assertTrue(finalFrame.contains("/prior-auth/pa-demo-"), finalFrame);
      assertTrue(finalFrame.contains("/sync/sources/ehr/"), finalFrame);
      assertFalse(
          out.lines().anyMatch(l -> l.matches("^#\\d+\\s.*")), "no line per record on a terminal");
      assertFalse(out.contains("patientName"), "no names on the terminal");
    }
  }

  /** What the last redraw printed: the text after the last clear to the end of the screen. */
  private static String lastFrame(String out) {
    int clear = out.lastIndexOf("\u001b[J");
    return (clear < 0 ? "" : out.substring(clear + 3)).replace("\r\n", "\n");
  }

  /** Until the summary shows the whole sample read and the expected alerts, or the demo ended. */
  private static void awaitComplete(
      JarProcess demo, Callable<String> summary, Predicate<String> alsoShows) throws Exception {
    try {
      Await.until(
          "the summary to show the whole sample read and the expected alerts",
          PATIENCE,
          () -> {
            String shown = summary.call();
            return (complete(lastFigures(shown)) && alsoShows.test(shown)) || !demo.isAlive();
          });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; last summary:\n" + summary.call(), e);
    }
  }
}
