package dev.healthstreams.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.ConfigLoader;
import dev.healthstreams.testkit.Synthea;
import dev.healthstreams.topology.TopologyRegistry;
import dev.healthstreams.topology.alerting.SimpleAlertOracle;
import dev.healthstreams.topology.alerting.SimpleAlertOracle.Alert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backtests observation-alerting over the Synthea sample with the repository's own topologies.yaml
 * and checks the output against {@link SimpleAlertOracle}, an independent re-implementation of the
 * rules, ordering and suppression.
 */
class BacktestSyntheaTest {
  private static final Path SAMPLE = Synthea.dir();
  private static final Path CONFIG = Path.of("topologies.yaml");
  private static final String CRITICAL_ROUTE = "clinical.notifications.critical";

  @TempDir static Path work;

  private static Map<String, Long> counts;
  private static SimpleAlertOracle.Result expected;
  private static List<JsonNode> alerts;

  @BeforeAll
  static void backtestTheSample() throws IOException {
    Path patients = SAMPLE.resolve("Patient.ndjson.gz");
    Path observations = SAMPLE.resolve("Observation.ndjson.gz");
    if (!Files.isReadable(patients) || !Files.isReadable(observations)) {
      fail(
          "Synthea sample missing: expected "
              + patients.toAbsolutePath().normalize()
              + " and "
              + observations.toAbsolutePath().normalize()
              + " (the shared data directory next to the project)");
    }
    Path stateDir = Files.createDirectories(work.resolve("state"));
    AppConfig config =
        new ConfigLoader(
                TopologyRegistry.discover().all(),
                Map.of("HEALTHSTREAMS_STATE_DIR", stateDir.toString()))
            .load(CONFIG);
    counts =
        Backtest.run(
            config,
            "observation-alerting",
            Map.of("patients", List.of(patients), "observations", List.of(observations)),
            work.resolve("out"));
    expected = SimpleAlertOracle.run(SimpleAlertOracle.readSpec(CONFIG), List.of(observations));
    alerts = lines("alerts.ndjson");
    System.out.printf(
        "Synthea backtest: oracle %d firings, %d emitted, %d duplicates; backtest wrote %s%n",
        expected.firings().size(), expected.emitted().size(), expected.duplicates(), counts);
  }

  @Test
  void shouldWriteExactlyTheAlertsTheOracleExpects() {
    Set<String> actual = new TreeSet<>();
    for (JsonNode line : alerts) {
      actual.add(line.path("value").path("alertId").asText() + " " + severityOf(line));
    }
    Set<String> wanted = new TreeSet<>();
    for (Alert alert : expected.emitted()) {
      wanted.add(alert.alertId() + " " + alert.severity());
    }
    if (!actual.equals(wanted)) {
      Set<String> missing = new TreeSet<>(wanted);
      missing.removeAll(actual);
      Set<String> unexpected = new TreeSet<>(actual);
      unexpected.removeAll(wanted);
      fail(
          "alerts.ndjson differs from the oracle ("
              + actual.size()
              + " vs "
              + wanted.size()
              + ")\n  missing (expected, not written):\n    "
              + String.join("\n    ", missing)
              + "\n  unexpected (written, not expected):\n    "
              + String.join("\n    ", unexpected));
    }
    assertEquals(expected.emitted().size(), alerts.size(), "alert lines, duplicates included");
    assertEquals(alerts.size(), counts.get("alerts"), "count Backtest.run reports for alerts");
  }

  @Test
  void shouldSuppressSomeFiringsButFindNoDuplicatesInTheSample() {
    // Guards the oracle comparison against being vacuous: the sample exercises suppression.
    assertFalse(expected.emitted().isEmpty(), "the sample should alert");
    assertTrue(
        expected.emitted().size() < expected.firings().size(),
        () ->
            "suppression should drop some of the "
                + expected.firings().size()
                + " firings, emitted "
                + expected.emitted().size());
    assertEquals(0, expected.duplicates(), "Synthea Observation ids are unique");
    Set<String> ids = new HashSet<>();
    for (Alert firing : expected.firings()) {
      assertTrue(ids.add(firing.alertId()), () -> "duplicate firing " + firing.alertId());
    }
  }

  @Test
  void shouldCarryTheObservedValueTimeAndPatientOfEachAlert() {
    Map<String, Alert> byId =
        expected.emitted().stream().collect(Collectors.toMap(Alert::alertId, a -> a));
    for (JsonNode line : alerts) {
      JsonNode value = line.path("value");
      Alert alert = byId.get(value.path("alertId").asText());
      assertNotNull(alert, () -> "unexpected alert " + value);
      String where = alert.alertId();
      assertEquals(alert.ruleId(), value.path("ruleId").asText(), where);
      assertEquals(alert.observationId(), value.path("observationId").asText(), where);
      assertEquals(alert.patientId(), value.path("patientId").asText(), where);
      assertEquals(alert.patientId(), line.path("key").asText(), where + ": keyed by patient");
      assertEquals(alert.value(), value.path("value").asDouble(), 0.0, where);
      assertEquals(
          alert.effectiveTime().toEpochMilli(), value.path("effectiveTime").asLong(), where);
    }
  }

  @Test
  void shouldEnrichEveryAlertWithItsPatientsNameAndMedicalRecordNumber() {
    Map<String, String> mrnByPatient = new HashMap<>();
    for (JsonNode patient : SimpleAlertOracle.readLines(SAMPLE.resolve("Patient.ndjson.gz"))) {
      for (JsonNode identifier : patient.path("identifier")) {
        for (JsonNode coding : identifier.path("type").path("coding")) {
          if ("http://terminology.hl7.org/CodeSystem/v2-0203".equals(coding.path("system").asText())
              && "MR".equals(coding.path("code").asText())) {
            mrnByPatient.put(patient.path("id").asText(), identifier.path("value").asText());
          }
        }
      }
    }
    assertFalse(alerts.isEmpty());
    for (JsonNode line : alerts) {
      JsonNode value = line.path("value");
      String patient = value.path("patientId").asText();
      String where = value.path("alertId").asText();
      assertTrue(mrnByPatient.containsKey(patient), () -> where + ": patient not in the sample");
      assertFalse(value.path("patientName").isNull(), () -> where + ": patientName is null");
      assertFalse(value.path("patientName").asText().isBlank(), where);
      assertEquals(mrnByPatient.get(patient), value.path("patientMrn").asText(null), where);
    }
  }

  @Test
  void shouldDeadLetterNothingFromTheValidSample() throws IOException {
    List<JsonNode> deadLetters = lines("dead-letter.ndjson");
    assertTrue(
        deadLetters.isEmpty(),
        () -> deadLetters.size() + " dead letters, first: " + deadLetters.get(0));
    assertEquals(0L, counts.get("dead-letter"));
  }

  @Test
  void shouldRouteExactlyTheCriticalAlertsToTheCriticalTopic() throws IOException {
    List<JsonNode> routed = lines(CRITICAL_ROUTE + ".ndjson");
    List<String> routedIds = new ArrayList<>();
    for (JsonNode line : routed) {
      assertEquals(CRITICAL_ROUTE, line.path("topic").asText());
      routedIds.add(line.path("value").path("alertId").asText());
    }
    List<String> expectedCritical =
        expected.emitted().stream()
            .filter(a -> a.severity().equals("CRITICAL"))
            .map(Alert::alertId)
            .toList();
    assertFalse(expectedCritical.isEmpty(), "the sample should raise critical alerts");
    assertEquals(new TreeSet<>(expectedCritical), new TreeSet<>(routedIds));
    assertEquals(expectedCritical.size(), routed.size(), "each critical alert routed once");
    assertEquals((long) routed.size(), counts.get(CRITICAL_ROUTE));
  }

  private static String severityOf(JsonNode line) {
    return line.path("value").path("severity").asText();
  }

  private static List<JsonNode> lines(String file) throws IOException {
    Path path = work.resolve("out").resolve(file);
    assertTrue(Files.exists(path), () -> file + " was not written");
    return SimpleAlertOracle.readLines(path);
  }
}
