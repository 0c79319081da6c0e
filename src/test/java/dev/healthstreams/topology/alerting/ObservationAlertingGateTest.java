package dev.healthstreams.topology.alerting;

import static dev.healthstreams.topology.alerting.AlertingTestDriver.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.healthstreams.avro.ClinicalAlert;
import dev.healthstreams.fhir.Fixtures;
import dev.healthstreams.testkit.TopologyKitExtension;
import dev.healthstreams.topology.support.ExpiringEntryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Deduplication and suppression of observation-alerting, with arrival time and effective time
 * moving forward: the gate's two window stores seen from the outside.
 */
class ObservationAlertingGateTest {

  private static final String TOPOLOGY = ObservationAlertingTopology.NAME;

  /** Two heart-rate tiers sharing suppress-group hr-high; bradycardia never suppresses. */
  private static final String RULES =
      """
      rules:
        - {id: tachycardia-critical, code: "http://loinc.org|8867-4", comparator: gt, threshold: 150, unit: /min, severity: critical, description: Very high heart rate, suppress-for: PT30M, suppress-group: hr-high}
        - {id: tachycardia, code: "http://loinc.org|8867-4", comparator: gt, threshold: 120, unit: /min, severity: high, description: Elevated heart rate, suppress-for: PT30M, suppress-group: hr-high}
        - {id: bradycardia, code: "http://loinc.org|8867-4", comparator: lt, threshold: 50, unit: /min, severity: medium, description: Low heart rate}
      """;

  private static final Instant T0 = Instant.parse(Fixtures.EFFECTIVE);

  @RegisterExtension static final TopologyKitExtension kit = AlertingTestDriver.extension();

  private AlertingTestDriver hs;

  @BeforeEach
  void startDriver() {
    hs = AlertingTestDriver.start(kit, AlertingTestDriver.config(RULES));
  }

  // --- duplicates ---

  @Test
  void shouldWriteOneAlertForAnObservationPipedTwice() {
    String observation = heartRate("hr-1", "p1", 40, T0);

    hs.pipeObservation(observation, START);
    hs.pipeObservation(observation, START);

    assertEquals(List.of("hr-1:bradycardia"), alertIds(hs.readAlerts()));
    assertEquals(1.0, dropped("duplicate"));
  }

  @Test
  void shouldNameADroppedDuplicateByIdsAndOffsetsOnlyAtDebug() {
    Logger gate = (Logger) LoggerFactory.getLogger(AlertGateProcessor.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    gate.addAppender(lines);
    Level before = gate.getLevel();
    gate.setLevel(Level.DEBUG);
    try {
      String observation = heartRate("hr-1", "p1", 40, T0);
      hs.pipeObservation(observation, START);
      hs.pipeObservation(observation, START);
    } finally {
      gate.setLevel(before);
      gate.detachAppender(lines);
    }

    assertEquals(1, lines.list.size(), "one line for the one duplicate");
    String line = lines.list.get(0).getFormattedMessage();
    assertTrue(line.startsWith("topology=" + TOPOLOGY + " alert=hr-1:bradycardia dropped"), line);
    assertTrue(line.contains("alerts-by-patient-repartition/"), line);
    assertTrue(
        !line.contains("40") || !line.contains("p1"), "no value next to the patient: " + line);
  }

  @Test
  void shouldStillWriteOneAlertWhenAnUnchangedObservationIsResentMinutesLater() {
    String observation = heartRate("hr-1", "p1", 40, T0);

    hs.pipeObservation(observation, START);
    hs.pipeObservation(observation, START.plus(Duration.ofMinutes(10)));
    hs.pipeObservation(observation, START.plus(Duration.ofHours(3)));

    assertEquals(List.of("hr-1:bradycardia"), alertIds(hs.readAlerts()));
    assertEquals(2.0, dropped("duplicate"));
  }

  /**
   * Chosen behaviour: a corrected value under the same Observation id is news, so it is written
   * again under the same alertId (consumers upsert by alertId) with a new event id.
   */
  @Test
  void shouldWriteASecondAlertWithTheSameAlertIdWhenTheValueChanges() {
    hs.pipeObservation(heartRate("hr-1", "p1", 45, T0), START);
    hs.pipeObservation(heartRate("hr-1", "p1", 40, T0), START.plus(Duration.ofMinutes(5)));

    List<ClinicalAlert> alerts = hs.readAlerts();
    assertEquals(List.of("hr-1:bradycardia", "hr-1:bradycardia"), alertIds(alerts));
    assertEquals(45.0, alerts.get(0).getValue());
    assertEquals(40.0, alerts.get(1).getValue());
    assertNotEquals(
        alerts.get(0).getMetadata().getEventId(), alerts.get(1).getMetadata().getEventId());
  }

  /**
   * Chosen behaviour: within a suppressing rule's window a corrected value of the same severity is
   * suppressed like any other repeat of the group; only a more severe tier breaks through.
   */
  @Test
  void shouldSuppressAChangedValueOfTheSameSeverityUnderASuppressingRule() {
    hs.pipeObservation(heartRate("hr-1", "p1", 130, T0), START);
    hs.pipeObservation(heartRate("hr-1", "p1", 135, T0), START.plus(Duration.ofMinutes(5)));

    assertEquals(List.of("hr-1:tachycardia"), alertIds(hs.readAlerts()));
    assertEquals(1.0, dropped("suppressed"));
  }

  // --- suppression and escalation ---

  @Test
  void shouldSuppressASecondTachycardiaTenMinutesLater() {
    pipeAt("hr-1", "p1", 130, 0);
    pipeAt("hr-2", "p1", 130, 10);

    assertEquals(List.of("hr-1:tachycardia"), alertIds(hs.readAlerts()));
    assertEquals(1.0, dropped("suppressed"));
  }

  @Test
  void shouldKeepSuppressionStateOfAlertsArrivingInTheSameMillisecond() {
    // A fast replay stamps many records alike: the +40 alert must not replace the state of the
    // first one, or the +5 observation would alert again.
    hs.pipeObservation(heartRate("hr-1", "p1", 130, T0), START);
    hs.pipeObservation(heartRate("hr-2", "p1", 130, T0.plus(Duration.ofMinutes(40))), START);
    hs.pipeObservation(heartRate("hr-3", "p1", 130, T0.plus(Duration.ofMinutes(5))), START);

    assertEquals(List.of("hr-1:tachycardia", "hr-2:tachycardia"), alertIds(hs.readAlerts()));
  }

  @Test
  void shouldDropARedeliveryArrivingInTheSameMillisecondAsACorrection() {
    // bradycardia does not suppress: only de-duplication decides here.
    hs.pipeObservation(heartRate("hr-1", "p1", 45, T0), START);
    hs.pipeObservation(heartRate("hr-1", "p1", 40, T0), START);
    hs.pipeObservation(heartRate("hr-1", "p1", 45, T0), START);

    assertEquals(2, hs.readAlerts().size(), "the 45 again is a re-delivery");
  }

  @Test
  void shouldSuppressAResultDeliveredLongAfterTheOneItRepeats() {
    hs.pipeObservation(heartRate("hr-1", "p1", 130, T0), START);
    hs.pipeObservation(
        heartRate("hr-2", "p1", 130, T0.plus(Duration.ofMinutes(10))),
        START.plus(Duration.ofMinutes(45)));

    assertEquals(List.of("hr-1:tachycardia"), alertIds(hs.readAlerts()));
  }

  @Test
  void shouldAlertAgainFortyMinutesLater() {
    pipeAt("hr-1", "p1", 130, 0);
    pipeAt("hr-2", "p1", 130, 40);

    assertEquals(List.of("hr-1:tachycardia", "hr-2:tachycardia"), alertIds(hs.readAlerts()));
  }

  @Test
  void shouldSuppressUpToButNotIncludingTheEndOfTheWindow() {
    pipeAt("hr-1", "p1", 130, 0);
    pipeAt("hr-2", "p1", 130, 29);
    pipeAt("hr-3", "p1", 130, 30);

    assertEquals(List.of("hr-1:tachycardia", "hr-3:tachycardia"), alertIds(hs.readAlerts()));
  }

  @Test
  void shouldSuppressAnEarlierObservationThatArrivesAfterALaterOne() {
    hs.pipeObservation(heartRate("hr-2", "p1", 130, T0.plus(Duration.ofMinutes(10))), START);
    hs.pipeObservation(heartRate("hr-1", "p1", 130, T0), START.plus(Duration.ofMinutes(1)));

    assertEquals(List.of("hr-2:tachycardia"), alertIds(hs.readAlerts()));
  }

  @Test
  void shouldLetACriticalTierThroughWithinTheWindowOfAHighOne() {
    pipeAt("hr-1", "p1", 130, 0);
    pipeAt("hr-2", "p1", 160, 10);

    assertEquals(
        List.of("hr-1:tachycardia", "hr-2:tachycardia-critical"), alertIds(hs.readAlerts()));
  }

  @Test
  void shouldSuppressAHighTierWithinTheWindowOfACriticalOne() {
    pipeAt("hr-1", "p1", 160, 0);
    pipeAt("hr-2", "p1", 130, 10);

    assertEquals(List.of("hr-1:tachycardia-critical"), alertIds(hs.readAlerts()));
  }

  @Test
  void shouldWriteOnlyTheCriticalTierWhenOneObservationCrossesBoth() {
    pipeAt("hr-1", "p1", 160, 0);

    assertEquals(List.of("hr-1:tachycardia-critical"), alertIds(hs.readAlerts()));
  }

  @Test
  void shouldNotLetOnePatientSuppressAnother() {
    pipeAt("hr-1", "p1", 130, 0);
    pipeAt("hr-2", "p2", 130, 10);

    List<ClinicalAlert> alerts = hs.readAlerts();
    assertEquals(List.of("hr-1:tachycardia", "hr-2:tachycardia"), alertIds(alerts));
    assertEquals(List.of("p1", "p2"), alerts.stream().map(ClinicalAlert::getPatientId).toList());
  }

  @Test
  void shouldKeepTheEmittedAlertInTheSuppressionStoreByPatientAndGroup() {
    pipeAt("hr-1", "p1", 130, 0);

    List<KeyValue<String, ExpiringEntryStore.Entry>> entries = suppressionEntries();
    assertEquals(1, entries.size());
    assertEquals("p1|hr-high", entries.get(0).key);
    // SEVERITY@effectiveTimeMillis, with the alert's input position; stored at arrival time.
    GateEntry entry = GateEntry.decode(entries.get(0).value.value());
    assertEquals("HIGH@" + T0.toEpochMilli(), entry.value());
    assertEquals(0L, entry.madeBy().offset());
    assertEquals(START.toEpochMilli(), entries.get(0).value.arrival());
  }

  @Test
  void shouldKeepNoSuppressionStateForARuleThatDoesNotSuppress() {
    pipeAt("hr-1", "p1", 40, 0);

    assertEquals(1, hs.readAlerts().size());
    assertTrue(suppressionEntries().isEmpty());
    assertEquals("hr-1:bradycardia", onlyDedupKey());
  }

  /** Effective time and arrival time both {@code minutes} after the first. */
  private void pipeAt(String obsId, String patientId, double bpm, int minutes) {
    Duration offset = Duration.ofMinutes(minutes);
    hs.pipeObservation(heartRate(obsId, patientId, bpm, T0.plus(offset)), START.plus(offset));
  }

  private static String heartRate(String obsId, String patientId, double bpm, Instant effective) {
    return Fixtures.observation(
        obsId, patientId, "final", effective.toString(), "8867-4", bpm, "/min");
  }

  private double dropped(String reason) {
    return hs.count("healthstreams.alerts.dropped", "topology", TOPOLOGY, "reason", reason);
  }

  /** Each entry once (the store's time index left out), with the key it was added under. */
  private static List<KeyValue<String, ExpiringEntryStore.Entry>> entries(
      KeyValueStore<String, List<ExpiringEntryStore.Entry>> store) {
    List<KeyValue<String, ExpiringEntryStore.Entry>> entries = new ArrayList<>();
    try (KeyValueIterator<String, List<ExpiringEntryStore.Entry>> it = store.all()) {
      it.forEachRemaining(
          kv -> {
            String key = ExpiringEntryStore.keyOf(kv.key);
            if (key != null) {
              kv.value.forEach(entry -> entries.add(KeyValue.pair(key, entry)));
            }
          });
    }
    return entries;
  }

  private List<KeyValue<String, ExpiringEntryStore.Entry>> suppressionEntries() {
    return entries(hs.suppressionStore());
  }

  private String onlyDedupKey() {
    List<String> keys = entries(hs.dedupStore()).stream().map(kv -> kv.key).toList();
    assertEquals(1, keys.size(), "dedup entries: " + keys);
    return keys.get(0);
  }

  private static List<String> alertIds(List<ClinicalAlert> alerts) {
    return alerts.stream().map(ClinicalAlert::getAlertId).toList();
  }
}
