package dev.healthstreams.topology.alerting;

import static dev.healthstreams.topology.alerting.AlertingTestDriver.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.avro.ClinicalAlert;
import dev.healthstreams.fhir.Fixtures;
import dev.healthstreams.serde.MockSchemaRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart with a changed rule set on the same state directory and application id: the gate's
 * persistent stores must carry over. Each driver is closed the way KafkaStreams closes (stores
 * flushed and checkpointed, directory kept), see {@link AlertingTestDriver#closeKeepingState}.
 */
class ObservationAlertingRestartTest {

  private static final String SCOPE = "ObservationAlertingRestartTest";
  private static final String TOPOLOGY = ObservationAlertingTopology.NAME;
  private static final Instant T0 = Instant.parse(Fixtures.EFFECTIVE);

  private static final String RULES =
      """
      rules:
        - {id: tachycardia, code: "http://loinc.org|8867-4", comparator: gt, threshold: 120, unit: /min, severity: high, description: Elevated heart rate, suppress-for: PT30M, suppress-group: hr-high}
        - {id: bradycardia, code: "http://loinc.org|8867-4", comparator: lt, threshold: 50, unit: /min, severity: medium, description: Low heart rate}
      """;
  private static final String FEVER =
      """
        - {id: fever, code: "http://loinc.org|8310-5", comparator: gt, threshold: 38, unit: Cel, severity: medium, description: Fever}
      """;
  private static final String FEVER_SUPPRESSED_TWO_HOURS =
      """
        - {id: fever, code: "http://loinc.org|8310-5", comparator: gt, threshold: 38, unit: Cel, severity: medium, description: Fever, suppress-for: PT2H}
      """;

  @TempDir Path stateDir;
  @TempDir Path scratch;
  private AlertingTestDriver hs;

  @AfterEach
  void closeDriver() {
    if (hs != null) {
      hs.close();
    }
  }

  @AfterAll
  static void dropRegistry() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  @Test
  void shouldNotRepeatAnAlertAfterARestartWithAnExtraRuleAndFireTheNewRule() throws Exception {
    String bradycardia = heartRate("hr-1", 40, T0);
    start(RULES);
    hs.pipeObservation(bradycardia, START);
    // Under exactly-once a store never written to has no committed offset, and Kafka then treats
    // the whole task's local state as corrupt on restart (a full restore from the changelogs, which
    // TopologyTestDriver cannot do); a suppressing alert writes to the other gate store too.
    hs.pipeObservation(heartRate("hr-0", 130, T0), START);
    assertEquals(List.of("hr-1:bradycardia", "hr-0:tachycardia"), alertIds());
    restart(RULES + FEVER);

    hs.pipeObservation(bradycardia, START.plus(Duration.ofMinutes(5)));
    hs.pipeObservation(temperature("t-1", 39.5), START.plus(Duration.ofMinutes(6)));

    assertEquals(List.of("t-1:fever"), alertIds());
    assertEquals(1.0, dropped("duplicate"));
  }

  @Test
  void shouldKeepSuppressingAfterARestartWithAnExtraRule() throws Exception {
    start(RULES);
    hs.pipeObservation(heartRate("hr-1", 130, T0), START);
    assertEquals(List.of("hr-1:tachycardia"), alertIds());
    restart(RULES + FEVER);

    hs.pipeObservation(
        heartRate("hr-2", 130, T0.plus(Duration.ofMinutes(10))),
        START.plus(Duration.ofMinutes(10)));

    assertEquals(List.of(), alertIds());
    assertEquals(1.0, dropped("suppressed"));
    assertEquals(1, suppressionEntries("p1|hr-high"));
  }

  /**
   * A new rule with a longer suppress-for lengthens the suppression store's retention, and with it
   * its segment interval, while the old segments are still on disk.
   */
  @Test
  void shouldKeepSuppressingAfterARestartThatLengthensTheLongestSuppressFor() throws Exception {
    start(RULES);
    hs.pipeObservation(heartRate("hr-1", 130, T0), START);
    assertEquals(List.of("hr-1:tachycardia"), alertIds());
    restart(RULES + FEVER_SUPPRESSED_TWO_HOURS);

    hs.pipeObservation(
        heartRate("hr-2", 130, T0.plus(Duration.ofMinutes(10))),
        START.plus(Duration.ofMinutes(10)));

    assertEquals(List.of(), alertIds());
  }

  /** The control: without the state directory the same re-delivery alerts again. */
  @Test
  void shouldAlertAgainWhenTheStateDirectoryIsLost() {
    String bradycardia = heartRate("hr-1", 40, T0);
    start(RULES);
    hs.pipeObservation(bradycardia, START);
    hs.close(); // TopologyTestDriver.close() wipes the state directory
    hs = null;
    start(RULES + FEVER);

    hs.pipeObservation(bradycardia, START.plus(Duration.ofMinutes(5)));

    assertEquals(List.of("hr-1:bradycardia"), alertIds());
  }

  private void start(String rules) {
    hs = AlertingTestDriver.start(AlertingTestDriver.config(SCOPE, rules), stateDir);
  }

  private void restart(String rules) throws Exception {
    hs.closeKeepingState(scratch);
    hs = null;
    try (var files = Files.list(stateDir)) {
      assertTrue(files.findAny().isPresent(), "the state directory survived the close");
    }

    start(rules);
  }

  private List<String> alertIds() {
    return hs.readAlerts().stream().map(ClinicalAlert::getAlertId).toList();
  }

  private double dropped(String reason) {
    return hs.count("healthstreams.alerts.dropped", "topology", TOPOLOGY, "reason", reason);
  }

  private int suppressionEntries(String key) {
    int count = 0;
    try (WindowStoreIterator<String> it =
        hs.suppressionStore().fetch(key, Instant.EPOCH, START.plus(Duration.ofDays(1)))) {
      while (it.hasNext()) {
        it.next();
        count++;
      }
    }
    return count;
  }

  private static String heartRate(String obsId, double bpm, Instant effective) {
    return Fixtures.observation(obsId, "p1", "final", effective.toString(), "8867-4", bpm, "/min");
  }

  private static String temperature(String obsId, double celsius) {
    return Fixtures.observation(obsId, "p1", "final", Fixtures.EFFECTIVE, "8310-5", celsius, "Cel");
  }
}
