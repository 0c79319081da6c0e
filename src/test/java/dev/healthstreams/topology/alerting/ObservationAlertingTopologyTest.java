package dev.healthstreams.topology.alerting;

import static dev.healthstreams.topology.alerting.AlertingTestDriver.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.avro.ClinicalAlert;
import dev.healthstreams.avro.PatientSummary;
import dev.healthstreams.fhir.Fixtures;
import dev.healthstreams.testkit.TopologyKitExtension;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Evaluation, enrichment, routing and metadata of observation-alerting, end to end. */
class ObservationAlertingTopologyTest {

  private static final String TOPOLOGY = ObservationAlertingTopology.NAME;

  /** Heart-rate tiers share a suppress-group; the other rules do not suppress. */
  private static final String RULES =
      """
      rules:
        - {id: tachycardia-critical, code: "http://loinc.org|8867-4", comparator: gt, threshold: 150, unit: /min, severity: critical, description: Very high heart rate, suppress-for: PT30M, suppress-group: hr-high}
        - {id: tachycardia, code: "http://loinc.org|8867-4", comparator: gt, threshold: 120, unit: /min, severity: high, description: Elevated heart rate, suppress-for: PT30M, suppress-group: hr-high}
        - {id: systolic-high, code: "http://loinc.org|8480-6", comparator: gt, threshold: 140, unit: "mm[Hg]", severity: medium, description: High systolic pressure}
        - {id: weight-high, code: "http://loinc.org|29463-7", comparator: gt, threshold: 220, unit: "[lb_av]", severity: low, description: Weight above 220 lb}
        - {id: glucose-high, code: "http://loinc.org|2339-0", comparator: gt, threshold: 200, unit: mg/dL, severity: medium, description: High glucose}
      """;

  private static final double KG_PER_POUND = 0.45359237;

  @RegisterExtension static final TopologyKitExtension kit = AlertingTestDriver.extension();

  private AlertingTestDriver hs;

  private AlertingTestDriver start(String settings) {
    hs = AlertingTestDriver.start(kit, AlertingTestDriver.config(settings));
    return hs;
  }

  // --- comparators ---

  @ParameterizedTest
  @EnumSource(Comparator.class)
  void shouldAlertExactlyForTheValuesThatSatisfyTheComparator(Comparator comparator) {
    String name = comparator.name().toLowerCase(java.util.Locale.ROOT);
    start(
        """
        rules:
          - {id: pain, code: "http://loinc.org|72514-3", comparator: %s, threshold: 5, severity: medium, description: Pain score}
        """
            .formatted(name));

    hs.pipeObservation(Fixtures.integerObservation("below", "p1", "72514-3", 4));
    hs.pipeObservation(Fixtures.integerObservation("at", "p1", "72514-3", 5));
    hs.pipeObservation(Fixtures.integerObservation("above", "p1", "72514-3", 6));

    Set<String> expected =
        switch (name) {
          case "gt" -> Set.of("above");
          case "ge" -> Set.of("at", "above");
          case "lt" -> Set.of("below");
          case "le" -> Set.of("below", "at");
          case "eq" -> Set.of("at");
          case "ne" -> Set.of("below", "above");
          default -> throw new AssertionError("untested comparator " + name);
        };
    Set<String> alerted =
        hs.readAlerts().stream().map(ClinicalAlert::getObservationId).collect(Collectors.toSet());
    assertEquals(expected, alerted);
  }

  // --- components and units ---

  @Test
  void shouldFireAComponentRuleAndNameTheComponentCode() {
    start(RULES);

    hs.pipeObservation(Fixtures.bloodPressure("bp-1", "p1", 165, 95));

    List<ClinicalAlert> alerts = hs.readAlerts();
    assertEquals(1, alerts.size());
    ClinicalAlert alert = alerts.get(0);
    assertEquals("systolic-high", alert.getRuleId());
    assertEquals(Fixtures.LOINC + "|8480-6", alert.getCode());
    assertEquals(165.0, alert.getValue());
    assertEquals("mm[Hg]", alert.getUnit());
  }

  @Test
  void shouldNotFireAComponentRuleBelowItsThreshold() {
    start(RULES);

    hs.pipeObservation(Fixtures.bloodPressure("bp-1", "p1", 140, 95));

    assertTrue(hs.alerts.isEmpty());
  }

  @Test
  void shouldConvertKilogramsToTheRulesPoundsBeforeComparing() {
    start(RULES);

    hs.pipeObservation(Fixtures.bodyWeight("w-heavy", "p1", 100, "kg"));
    hs.pipeObservation(Fixtures.bodyWeight("w-light", "p2", 99, "kg"));

    List<ClinicalAlert> alerts = hs.readAlerts();
    assertEquals(1, alerts.size(), "100 kg is above 220 lb, 99 kg (218.3 lb) is not");
    ClinicalAlert alert = alerts.get(0);
    assertEquals("w-heavy", alert.getObservationId());
    assertEquals(100 / KG_PER_POUND, alert.getValue(), 1e-9);
    assertEquals("[lb_av]", alert.getUnit());
  }

  @Test
  void shouldSkipAndCountAnInconvertibleUnitInsteadOfAlerting() {
    start(RULES);

    hs.pipeObservation(
        Fixtures.observation("glu-1", "p1", "final", Fixtures.EFFECTIVE, "2339-0", 30, "mmol/L"));

    assertTrue(hs.alerts.isEmpty());
    assertEquals(
        1.0,
        hs.count(
            "healthstreams.observations.skipped",
            "topology",
            TOPOLOGY,
            "reason",
            "inconvertible-unit"));
    assertTrue(hs.deadLetters.isEmpty(), "a unit mismatch is not a bad record");
  }

  // --- statuses ---

  @Test
  void shouldNotAlertOnAPreliminaryResultWithTheDefaultStatuses() {
    start(RULES);

    hs.pipeObservation(heartRate("hr-1", "preliminary", 130));

    assertTrue(hs.alerts.isEmpty());
  }

  @Test
  void shouldAlertOnAnAmendedResultWithTheDefaultStatuses() {
    start(RULES);

    hs.pipeObservation(heartRate("hr-1", "amended", 130));

    List<ClinicalAlert> alerts = hs.readAlerts();
    assertEquals(1, alerts.size());
    assertEquals("amended", alerts.get(0).getStatus());
  }

  @Test
  void shouldAlertOnlyOnTheConfiguredStatuses() {
    start("statuses: [preliminary]\n" + RULES);

    hs.pipeObservation(heartRate("hr-final", "final", 130));
    hs.pipeObservation(heartRate("hr-prelim", "preliminary", 130));

    List<ClinicalAlert> alerts = hs.readAlerts();
    assertEquals(1, alerts.size());
    assertEquals("hr-prelim", alerts.get(0).getObservationId());
  }

  // --- enrichment ---

  @Test
  void shouldEnrichAnAlertWithAPatientThatArrivedFirst() {
    start(RULES);

    hs.patients.pipeInput("p1", Fixtures.patient("p1", "Ada", "Lovelace", "MRN-1", "1815-12-10"));
    hs.pipeObservation(Fixtures.bloodPressure("bp-1", "p1", 165, 95));

    ClinicalAlert alert = hs.alerts.readValue();
    assertEquals("Ada Lovelace", alert.getPatientName());
    assertEquals("MRN-1", alert.getPatientMrn());
    assertEquals("1815-12-10", alert.getPatientBirthDate());
    assertEquals(
        new PatientSummary("p1", "Ada Lovelace", "MRN-1", "1815-12-10"),
        hs.patientStore().get("p1"));
  }

  @Test
  void shouldEmitAtOnceWithoutEnrichmentWhenThePatientIsUnknownAndEnrichOnceItArrives() {
    start(RULES);

    hs.pipeObservation(Fixtures.bloodPressure("bp-1", "p1", 165, 95));
    ClinicalAlert before = hs.alerts.readValue();
    assertEquals("bp-1", before.getObservationId());
    assertNull(before.getPatientName());
    assertNull(before.getPatientMrn());
    assertNull(before.getPatientBirthDate());
    assertNull(hs.patientStore().get("p1"));

    hs.patients.pipeInput("p1", Fixtures.patient("p1", "Ada", "Lovelace", "MRN-1", "1815-12-10"));
    assertTrue(hs.alerts.isEmpty(), "a patient arriving does not re-emit earlier alerts");
    hs.pipeObservation(Fixtures.bloodPressure("bp-2", "p1", 170, 95), START.plusSeconds(60));

    ClinicalAlert after = hs.alerts.readValue();
    assertEquals("bp-2", after.getObservationId());
    assertEquals("Ada Lovelace", after.getPatientName());
    assertEquals("MRN-1", after.getPatientMrn());
    assertEquals("1815-12-10", after.getPatientBirthDate());
  }

  @Test
  void shouldForgetAPatientOnATombstone() {
    start(RULES);
    hs.patients.pipeInput("p1", Fixtures.patient("p1", "Ada", "Lovelace", "MRN-1", "1815-12-10"));

    hs.patients.pipeInput("p1", (String) null);
    hs.pipeObservation(Fixtures.bloodPressure("bp-1", "p1", 165, 95));

    assertNull(hs.patientStore().get("p1"));
    assertNull(hs.alerts.readValue().getPatientName());
  }

  // --- routes ---

  @Test
  void shouldRouteACriticalAlertToTheAlertsSmsAndPagerTopics() {
    start(RULES);

    hs.pipeObservation(heartRate("hr-1", "final", 160));

    assertRoutedTo("hr-1:tachycardia-critical", true, true);
  }

  @Test
  void shouldRouteAHighAlertToTheAlertsAndPagerTopicsOnly() {
    start(RULES);

    hs.pipeObservation(heartRate("hr-1", "final", 130));

    assertRoutedTo("hr-1:tachycardia", false, true);
  }

  @Test
  void shouldWriteAMediumAlertToTheAlertsTopicOnly() {
    start(RULES);

    hs.pipeObservation(Fixtures.bloodPressure("bp-1", "p1", 165, 95));

    assertRoutedTo("bp-1:systolic-high", false, false);
  }

  private void assertRoutedTo(String alertId, boolean sms, boolean pager) {
    List<String> written = hs.readAlerts().stream().map(ClinicalAlert::getAlertId).toList();
    assertEquals(List.of(alertId), written);
    assertEquals(
        sms ? List.of(alertId) : List.of(),
        hs.sms.readValuesToList().stream().map(ClinicalAlert::getAlertId).toList());
    assertEquals(
        pager ? List.of(alertId) : List.of(),
        hs.pager.readValuesToList().stream().map(ClinicalAlert::getAlertId).toList());
  }

  // --- metadata ---

  @Test
  void shouldIdentifyTheAlertAndCarryTheEnvelopesCorrelationId() {
    start(RULES);

    hs.pipeObservation(Fixtures.enveloped(heartRate("hr-7", "final", 130), "corr-42"));

    KeyValue<String, ClinicalAlert> record = hs.alerts.readKeyValue();
    ClinicalAlert alert = record.value;
    assertEquals("p1", record.key);
    assertEquals("hr-7:tachycardia", alert.getAlertId());
    assertEquals("tachycardia", alert.getRuleId());
    assertEquals("hr-7", alert.getObservationId());
    assertEquals("p1", alert.getPatientId());
    assertEquals(dev.healthstreams.avro.Severity.HIGH, alert.getSeverity());
    assertEquals("gt", alert.getComparator());
    assertEquals(120.0, alert.getThreshold());
    assertEquals(130.0, alert.getValue());
    assertEquals("/min", alert.getUnit());
    assertEquals(Instant.parse(Fixtures.EFFECTIVE), alert.getEffectiveTime());
    assertEquals("corr-42", alert.getMetadata().getCorrelationId());
    assertEquals("Observation/hr-7", alert.getMetadata().getCausationId());
    assertEquals("ClinicalAlert", alert.getMetadata().getEventType());
  }

  @Test
  void shouldTakeTheCorrelationIdFromTheHeaderOfABareObservation() {
    start(RULES);
    RecordHeaders headers = new RecordHeaders();
    headers.add("correlation-id", "corr-h".getBytes(StandardCharsets.UTF_8));

    hs.observations.pipeInput(
        new TestRecord<>("hr-8", heartRate("hr-8", "final", 130), headers, START));

    ClinicalAlert alert = hs.alerts.readValue();
    assertEquals("corr-h", alert.getMetadata().getCorrelationId());
    assertEquals("Observation/hr-8", alert.getMetadata().getCausationId());
  }

  @Test
  void shouldFallBackToTheObservationAsCorrelationIdWhenNoneIsGiven() {
    start(RULES);

    hs.pipeObservation(heartRate("hr-9", "final", 130));

    assertEquals("Observation/hr-9", hs.alerts.readValue().getMetadata().getCorrelationId());
  }

  private static String heartRate(String obsId, String status, double bpm) {
    return Fixtures.observation(obsId, "p1", status, Fixtures.EFFECTIVE, "8867-4", bpm, "/min");
  }
}
