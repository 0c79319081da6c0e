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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
  private static final String PRESCRIPTIONS = "/sample/PharmacyPrescription.ndjson.gz";
  private static final SampleData WITH_PHARMACY =
      new SampleData(
          SampleData.of(List.of(PATIENTS, PRESCRIPTIONS)).byResource(),
          Map.of(PRESCRIPTIONS, "rxId"));

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
  void copiesOfAPersonAreDifferentPeopleToPatientMatching() throws Exception {
    int copies = 100;
    Set<String> birthDatesAndNames = new HashSet<>();
    Set<String> phones = new HashSet<>();
    Set<String> identifiers = new HashSet<>();
    int identifierCount = 0;
    for (ScaledRecord p : all(SCALER.table(PATIENTS, 0, copies))) {
      JsonNode tree = tree(p);
      String name = tree.at("/name/0/family").asText();
      assertTrue(birthDatesAndNames.add(tree.get("birthDate").asText() + " " + name), p.key());
      assertTrue(phones.add(tree.at("/telecom/0/value").asText()), p.key());
      for (JsonNode identifier : tree.get("identifier")) {
        identifiers.add(identifier.get("system").asText() + "|" + identifier.get("value").asText());
        identifierCount++;
      }
    }
    assertEquals(copies * 12, birthDatesAndNames.size());
    assertEquals(identifierCount, identifiers.size(), "no identifier is shared by two copies");
  }

  @Test
  void thePharmacyCopyOfAPersonAgreesWithTheEhrCopyOfTheSameCopyOnly() throws Exception {
    InputScaler scaler = new InputScaler(WITH_PHARMACY);
    Map<String, Set<String>> ehrPeopleByCopy = new HashMap<>();
    for (ScaledRecord p : all(scaler.table(PATIENTS, 40, 43))) {
      JsonNode tree = tree(p);
      ehrPeopleByCopy
          .computeIfAbsent(copyOf(p.key()), k -> new HashSet<>())
          .add(tree.get("birthDate").asText() + " " + digits(tree.at("/telecom/0/value")));
    }
    Set<String> pharmacyPatients = new HashSet<>();
    List<ScaledRecord> prescriptions = all(scaler.table(PRESCRIPTIONS, 40, 43));
    assertEquals(3 * 24, prescriptions.size());
    for (ScaledRecord rx : prescriptions) {
      JsonNode patient = tree(rx).get("patient");
      String copy = copyOf(rx.key());
      String[] mdy = patient.get("dob").asText().split("/");
      String person = mdy[2] + "-" + mdy[0] + "-" + mdy[1] + " " + digits(patient.get("phone"));
      ehrPeopleByCopy.forEach(
          (ehrCopy, people) ->
              assertEquals(
                  ehrCopy.equals(copy), people.contains(person), rx.key() + " " + ehrCopy));
      String pharmacyId = patient.get("pharmacyPatientId").asText();
      assertTrue(pharmacyId.endsWith(copy), pharmacyId);
      pharmacyPatients.add(pharmacyId);
    }
    assertEquals(3 * 12, pharmacyPatients.size(), "two prescriptions per pharmacy patient copy");
  }

  private static String copyOf(String key) {
    return key.substring(key.lastIndexOf("-c"));
  }

  private static String digits(JsonNode text) {
    return text.asText().replaceAll("\\D", "");
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
