package dev.healthstreams.topology.alerting;

import static dev.healthstreams.testkit.TopologyKit.assertDeadLetter;
import static dev.healthstreams.topology.alerting.AlertingTestDriver.OBSERVATIONS;
import static dev.healthstreams.topology.alerting.AlertingTestDriver.PATIENTS;
import static dev.healthstreams.topology.alerting.AlertingTestDriver.START;
import static dev.healthstreams.topology.alerting.AlertingTestDriver.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.avro.ClinicalAlert;
import dev.healthstreams.fhir.Fixtures;
import dev.healthstreams.runtime.deadletter.DeadLetterHeaders;
import dev.healthstreams.testkit.TopologyKitExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad records of either input go to the dead-letter topic as they came; nothing after is lost. */
class ObservationAlertingDeadLetterTest {

  private static final String TOPOLOGY = ObservationAlertingTopology.NAME;
  private static final String RULES =
      """
      rules:
        - {id: systolic-high, code: "http://loinc.org|8480-6", comparator: gt, threshold: 140, unit: "mm[Hg]", severity: medium, description: High systolic pressure}
      """;

  @RegisterExtension static final TopologyKitExtension kit = AlertingTestDriver.extension();

  private AlertingTestDriver hs;

  @BeforeEach
  void startDriver() {
    hs = AlertingTestDriver.start(kit, AlertingTestDriver.config(RULES));
  }

  static Stream<Arguments> badObservations() {
    String good = Fixtures.bloodPressure("bp-x", "p1", 165, 95);
    String heartRate = Fixtures.heartRate("hr-x", "p1", 130);
    return Stream.of(
        Arguments.of("not-json", "{\"resourceType\": \"Observation\", \"id\": "),
        Arguments.of("not-json", "not json at all"),
        Arguments.of("not-fhir", "[1, 2, 3]"),
        Arguments.of("not-fhir", Fixtures.withoutField(good, "resourceType")),
        Arguments.of(
            "wrong-resource-type",
            Fixtures.patient("p1", "Ada", "Lovelace", "MRN-1", "1815-12-10")),
        Arguments.of("no-subject", Fixtures.withoutField(good, "subject")),
        Arguments.of("unparsable-value", Fixtures.withQuantityValue(heartRate, "abc")));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("badObservations")
  void shouldDeadLetterABadObservationAsItCameAndKeepGoing(String reason, String json) {
    byte[] value = json.getBytes(StandardCharsets.UTF_8);
    RecordHeaders headers = new RecordHeaders();
    headers.add("traceparent", "00-abc-01".getBytes(StandardCharsets.UTF_8));

    hs.pipeObservation(Fixtures.bloodPressure("bp-before", "p1", 165, 95)); // offset 0
    hs.rawObservations.pipeInput(new TestRecord<>("bad-key", value, headers, START)); // offset 1
    hs.pipeObservation(Fixtures.bloodPressure("bp-after", "p2", 170, 95)); // offset 2

    List<TestRecord<byte[], byte[]>> dead = hs.deadLetters.readRecordsToList();
    assertEquals(1, dead.size());
    TestRecord<byte[], byte[]> letter = dead.get(0);
    assertDeadLetter(letter, "bad-key", value, reason, TOPOLOGY, OBSERVATIONS, 1);
    assertEquals(
        "00-abc-01", header(letter.headers(), "traceparent"), "the original headers travel on");

    assertEquals(
        List.of("bp-before", "bp-after"),
        hs.readAlerts().stream().map(ClinicalAlert::getObservationId).toList());
    assertEquals(1.0, deadLetters(reason));
  }

  @Test
  void shouldDeadLetterABadPatientAndStillLoadTheNextOne() {
    byte[] bad = "{\"resourceType\": \"Patient\", ".getBytes(StandardCharsets.UTF_8);

    hs.rawPatients.pipeInput("p-bad", bad); // offset 0
    hs.patients.pipeInput("p1", Fixtures.patient("p1", "Ada", "Lovelace", "MRN-1", "1815-12-10"));

    TestRecord<byte[], byte[]> letter = hs.deadLetters.readRecord();
    assertArrayEquals("p-bad".getBytes(StandardCharsets.UTF_8), letter.key());
    assertArrayEquals(bad, letter.value());
    assertEquals("not-json", header(letter.headers(), DeadLetterHeaders.REASON));
    assertEquals(PATIENTS, header(letter.headers(), DeadLetterHeaders.SOURCE_TOPIC));
    assertEquals("0", header(letter.headers(), DeadLetterHeaders.SOURCE_OFFSET));
    assertTrue(hs.deadLetters.isEmpty());
    assertEquals("Ada Lovelace", hs.patientStore().get("p1").getName());
    assertEquals(1.0, deadLetters("not-json"));
  }

  @Test
  void shouldDeadLetterAnObservationOnThePatientTopic() {
    hs.patients.pipeInput("p1", Fixtures.heartRate("hr-1", "p1", 130));

    assertEquals(
        "wrong-resource-type",
        header(hs.deadLetters.readRecord().headers(), DeadLetterHeaders.REASON));
    assertNull(hs.patientStore().get("p1"));
  }

  @Test
  void shouldCountDeadLettersByTopologyAndReasonAcrossBothInputs() {
    hs.observations.pipeInput("o1", "{broken");
    hs.patients.pipeInput("p1", "{broken");
    hs.observations.pipeInput(
        "o2", Fixtures.withoutField(Fixtures.heartRate("hr", "p1", 1), "subject"));

    assertEquals(3, hs.deadLetters.getQueueSize());
    assertEquals(2.0, deadLetters("not-json"));
    assertEquals(1.0, deadLetters("no-subject"));
  }

  private double deadLetters(String reason) {
    return hs.count("healthstreams.dead.letters", "topology", TOPOLOGY, "reason", reason);
  }
}
