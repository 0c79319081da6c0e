package dev.healthstreams.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.runtime.ResourceIds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InputScalerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PATIENTS = "/sample/Patient.ndjson.gz";
  private static final String OBSERVATIONS = "/sample/Observation.ndjson.gz";
  private static final String REQUESTS = "/sample/MedicationRequest.ndjson.gz";
  private static final String MEDICATIONS = "/sample/Medication.ndjson.gz";
  private static final SampleData SAMPLE =
      SampleData.of(List.of(PATIENTS, OBSERVATIONS, REQUESTS, MEDICATIONS));
  private static final InputScaler SCALER = new InputScaler(SAMPLE);

  private static List<ScaledRecord> all(Iterator<ScaledRecord> records) {
    List<ScaledRecord> out = new ArrayList<>();
    records.forEachRemaining(out::add);
    return out;
  }

  private static JsonNode tree(ScaledRecord record) throws Exception {
    return JSON.readTree(record.value());
  }

  private static String tail(String reference) {
    return reference.substring(reference.indexOf('/') + 1);
  }

  @Test
  void patientCopiesAreDistinctPatientsWithTheirIdsRewritten() throws Exception {
    List<ScaledRecord> patients = all(SCALER.table(PATIENTS, 0, 834));
    assertEquals(834 * 12, patients.size());
    Set<String> ids = new HashSet<>();
    for (ScaledRecord p : patients) {
      JsonNode tree = tree(p);
      assertEquals("Patient", tree.get("resourceType").asText());
      assertEquals(p.key(), tree.get("id").asText());
      assertEquals(p.key(), ResourceIds.idOf(p.value()));
      assertTrue(p.key().matches(".+-c\\d+"), p.key());
      ids.add(p.key());
    }
    assertEquals(834 * 12, ids.size(), "every copy of every patient is a distinct patient");
  }

  @Test
  void observationsReferenceThePatientOfTheirOwnCopy() throws Exception {
    Set<String> patients = new HashSet<>();
    all(SCALER.table(PATIENTS, 5, 8)).forEach(p -> patients.add(p.key()));
    List<ScaledRecord> observations = all(SCALER.stream(OBSERVATIONS, 5, 8, Long.MAX_VALUE));
    assertEquals(3L * SAMPLE.lines(OBSERVATIONS).size(), observations.size());
    Set<String> ids = new HashSet<>();
    for (ScaledRecord o : observations) {
      JsonNode tree = tree(o);
      String id = tree.get("id").asText();
      assertEquals(o.key(), id);
      String copy = id.substring(id.lastIndexOf("-c"));
      String patient = tail(tree.at("/subject/reference").asText());
      assertTrue(patients.contains(patient), patient);
      assertTrue(patient.endsWith(copy), id + " -> " + patient);
      ids.add(id);
    }
    assertEquals(observations.size(), ids.size(), "observation ids are distinct");
  }

  @Test
  void onlyIdsAndTheirReferencesChange() throws Exception {
    byte[] original = SAMPLE.lines(OBSERVATIONS).get(0);
    String originalText = new String(original, StandardCharsets.UTF_8);
    ScaledRecord copy =
        all(SCALER.stream(OBSERVATIONS, 7, 8, Long.MAX_VALUE)).stream()
            .filter(r -> r.key().equals(ResourceIds.idOf(original) + "-c7"))
            .findFirst()
            .orElseThrow();
    String expected =
        originalText
            .replace(ResourceIds.idOf(original), ResourceIds.idOf(original) + "-c7")
            .replaceAll("(\"Patient/[0-9a-f-]{36})\"", "$1-c7\"");
    assertEquals(expected, new String(copy.value(), StandardCharsets.UTF_8));
    assertTrue(expected.contains("\"Encounter/"), "encounters are left as they are");
  }

  @Test
  void requestsReferenceTheMedicationsAndPatientsOfTheirCopy() throws Exception {
    Set<String> medications = new HashSet<>();
    all(SCALER.table(MEDICATIONS, 0, 4)).forEach(m -> medications.add(m.key()));
    Set<String> patients = new HashSet<>();
    all(SCALER.table(PATIENTS, 0, 4)).forEach(p -> patients.add(p.key()));
    int withReference = 0;
    for (ScaledRecord r : all(SCALER.stream(REQUESTS, 0, 4, Long.MAX_VALUE))) {
      JsonNode tree = tree(r);
      assertEquals(r.key(), tree.get("id").asText());
      assertTrue(patients.contains(tail(tree.at("/subject/reference").asText())));
      JsonNode medication = tree.at("/medicationReference/reference");
      if (!medication.isMissingNode()) {
        withReference++;
        assertTrue(medications.contains(tail(medication.asText())), medication.asText());
      }
    }
    assertTrue(withReference > 0, "the sample has requests naming a Medication resource");
  }

  @Test
  void aCappedStreamStillTouchesEveryCopyAndEverySamplePatient() throws Exception {
    int copies = 50;
    long cap = copies * 12L * 2; // two records per patient copy on average
    List<ScaledRecord> observations = all(SCALER.stream(OBSERVATIONS, 0, copies, cap));
    assertEquals(cap, observations.size());
    assertEquals(cap, SCALER.streamCount(OBSERVATIONS, 0, copies, cap));
    Set<String> subjects = new HashSet<>();
    for (ScaledRecord o : observations) {
      subjects.add(tree(o).at("/subject/reference").asText());
    }
    assertEquals(copies * 12, subjects.size(), "every copy of every sample patient appears");
  }

  @Test
  void copiesOfDifferentRangesDoNotOverlap() {
    Set<String> first = new HashSet<>();
    all(SCALER.stream(OBSERVATIONS, 0, 10, 5_000)).forEach(r -> first.add(r.key()));
    all(SCALER.stream(OBSERVATIONS, 10, 20, 5_000))
        .forEach(r -> assertFalse(first.contains(r.key())));
    assertNotNull(SCALER.stream(OBSERVATIONS, 0, 1, 0));
  }
}
