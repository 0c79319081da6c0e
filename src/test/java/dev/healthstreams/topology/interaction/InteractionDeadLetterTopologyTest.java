package dev.healthstreams.topology.interaction;

import static dev.healthstreams.testkit.TopologyKit.assertDeadLetter;
import static dev.healthstreams.topology.interaction.InteractionTestDriver.MEDICATIONS;
import static dev.healthstreams.topology.interaction.InteractionTestDriver.REQUESTS;
import static dev.healthstreams.topology.interaction.InteractionTestDriver.START;
import static dev.healthstreams.topology.interaction.InteractionTestDriver.header;
import static dev.healthstreams.topology.interaction.MedicationFixtures.IBUPROFEN;
import static dev.healthstreams.topology.interaction.MedicationFixtures.NAPROXEN;
import static dev.healthstreams.topology.interaction.MedicationFixtures.WARFARIN;
import static dev.healthstreams.topology.interaction.MedicationFixtures.medication;
import static dev.healthstreams.topology.interaction.MedicationFixtures.request;
import static dev.healthstreams.topology.interaction.MedicationFixtures.requestByReference;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Bad requests and Medications go to the dead-letter topic as they came; nothing after is lost. */
class InteractionDeadLetterTopologyTest {

  private static final String TOPOLOGY = "medication-interaction";

  @RegisterExtension static final TopologyKitExtension kit = InteractionTestDriver.extension();

  private InteractionTestDriver hs;

  @BeforeEach
  void startDriver() {
    hs = InteractionTestDriver.start(kit);
  }

  static Stream<Arguments> badRequests() {
    String good = request("rq-bad", "p1", "active", NAPROXEN);
    return Stream.of(
        Arguments.of("not-json", "{\"resourceType\": \"MedicationRequest\", \"id\": "),
        Arguments.of("not-json", "not json at all"),
        Arguments.of("not-fhir", "[1, 2, 3]"),
        Arguments.of("not-fhir", Fixtures.withoutField(good, "resourceType")),
        Arguments.of(
            "wrong-resource-type",
            Fixtures.patient("p1", "Ada", "Lovelace", "MRN-1", "1815-12-10")),
        Arguments.of("wrong-resource-type", medication("rq-bad", NAPROXEN)),
        Arguments.of("no-subject", MedicationFixtures.requestWithoutSubject("rq-bad", NAPROXEN)),
        Arguments.of(
            "no-subject",
            Fixtures.withField(good, "subject", java.util.Map.of("reference", "Group/g1"))),
        Arguments.of(
            "unresolved-contained-medication",
            MedicationFixtures.requestWithUnresolvedContained("rq-bad", "p1")));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("badRequests")
  void shouldDeadLetterABadRequestAsItCameAndKeepGoing(String reason, String json) {
    byte[] value = json.getBytes(StandardCharsets.UTF_8);
    RecordHeaders headers = new RecordHeaders();
    headers.add("traceparent", "00-abc-01".getBytes(StandardCharsets.UTF_8));

    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN)); // offset 0
    hs.rawRequests.pipeInput(new TestRecord<>("rq-bad", value, headers, START)); // offset 1
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", IBUPROFEN)); // offset 2

    TestRecord<byte[], byte[]> letter = hs.deadLetters.readRecord();
    assertDeadLetter(letter, "rq-bad", value, reason, TOPOLOGY, REQUESTS, 1);
    assertEquals(
        "00-abc-01", header(letter.headers(), "traceparent"), "the original headers travel on");
    assertTrue(hs.deadLetters.isEmpty());

    assertEquals(List.of("rq-1+rq-2:warfarin-nsaid"), hs.readAlertIds());
    assertEquals(List.of("rq-1=" + WARFARIN, "rq-2=" + IBUPROFEN), hs.active("p1"));
    assertEquals(1.0, deadLetters(reason));
  }

  @Test
  void shouldDeadLetterARequestWithoutAKey() {
    String json = request("rq-x", "p1", "active", NAPROXEN);
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));

    hs.requests.pipeInput((String) null, json);
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", IBUPROFEN));

    TestRecord<byte[], byte[]> letter = hs.deadLetters.readRecord();
    assertNull(letter.key());
    assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), letter.value());
    assertEquals("no-key", header(letter.headers(), DeadLetterHeaders.REASON));
    assertEquals(List.of("rq-1+rq-2:warfarin-nsaid"), hs.readAlertIds());
  }

  static Stream<Arguments> badMedications() {
    return Stream.of(
        Arguments.of("not-json", "{\"resourceType\": \"Medication\", "),
        Arguments.of("not-fhir", "\"just a string\""),
        Arguments.of(
            "not-fhir", Fixtures.withoutField(medication("med-ibu", IBUPROFEN), "resourceType")),
        Arguments.of("wrong-resource-type", request("med-ibu", "p1", "active", IBUPROFEN)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("badMedications")
  void shouldDeadLetterABadMedicationAndStillResolveTheNextOne(String reason, String json) {
    byte[] value = json.getBytes(StandardCharsets.UTF_8);
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-2", requestByReference("rq-2", "p1", "active", "med-ibu"));

    hs.rawMedications.pipeInput("med-ibu", value); // offset 0
    assertEquals(List.of(), hs.readAlertIds(), "a bad Medication resolves nothing");
    hs.pipeMedication("med-ibu", medication("med-ibu", IBUPROFEN)); // offset 1

    TestRecord<byte[], byte[]> letter = hs.deadLetters.readRecord();
    assertArrayEquals("med-ibu".getBytes(StandardCharsets.UTF_8), letter.key());
    assertArrayEquals(value, letter.value());
    assertEquals(reason, header(letter.headers(), DeadLetterHeaders.REASON));
    assertEquals(MEDICATIONS, header(letter.headers(), DeadLetterHeaders.SOURCE_TOPIC));
    assertEquals("0", header(letter.headers(), DeadLetterHeaders.SOURCE_OFFSET));
    assertTrue(hs.deadLetters.isEmpty());
    assertEquals(List.of("rq-1+rq-2:warfarin-nsaid"), hs.readAlertIds());
    assertEquals(1.0, deadLetters(reason));
  }

  @Test
  void shouldKeepTheLastGoodMedicationWhenABadVersionFollows() {
    hs.pipeMedication("med-ibu", medication("med-ibu", IBUPROFEN));
    hs.medications.pipeInput("med-ibu", "{broken");
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));

    hs.pipeRequest("rq-2", requestByReference("rq-2", "p1", "active", "med-ibu"));

    assertEquals(
        "not-json", header(hs.deadLetters.readRecord().headers(), DeadLetterHeaders.REASON));
    assertEquals(List.of("rq-1+rq-2:warfarin-nsaid"), hs.readAlertIds());
  }

  @Test
  void shouldKeepTheActiveVersionWhenABadVersionOfTheSameRequestFollows() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.requests.pipeInput("rq-1", "{broken");

    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", IBUPROFEN));

    assertEquals(
        "not-json", header(hs.deadLetters.readRecord().headers(), DeadLetterHeaders.REASON));
    assertEquals(List.of("rq-1+rq-2:warfarin-nsaid"), hs.readAlertIds());
  }

  @Test
  void shouldCountDeadLettersOfBothInputsByReason() {
    hs.requests.pipeInput("rq-1", "{broken");
    hs.medications.pipeInput("med-1", "{broken");
    hs.pipeRequest("rq-2", MedicationFixtures.requestWithoutSubject("rq-2", IBUPROFEN));

    assertEquals(3, hs.deadLetters.getQueueSize());
    assertEquals(2.0, deadLetters("not-json"));
    assertEquals(1.0, deadLetters("no-subject"));
  }

  private double deadLetters(String reason) {
    return hs.count("healthstreams.dead.letters", "topology", TOPOLOGY, "reason", reason);
  }
}
