package dev.healthstreams.topology.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.SyntheaExport;
import dev.healthstreams.avro.SyncConflict;
import dev.healthstreams.avro.SyncError;
import dev.healthstreams.testkit.TopologyKit;
import dev.healthstreams.testkit.TopologyKitExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A two-source population generated from the Synthea export: every person in the EHR, most also at
 * the pharmacy with the pharmacy's usual differences (nicknames or a dropped letter, a typo,
 * swapped name order, missing MRNs, a birth date in another format), twins sharing a surname,
 * address and birth date, and updates in both systems. What the topology must do is worked out here
 * from how the population was generated - who is who, which date cannot be read, which fields
 * differ after the updates - not from the code under test.
 */
class CanonicalSyncPopulationTest {
  @RegisterExtension
  static final TopologyKitExtension kit =
      TopologyKitExtension.of(
          CanonicalSyncTopology.NAME, TopologyKit.yaml(CanonicalSyncTopologyTest.BLOCK));

  private static final Instant EHR_TIME = Instant.parse("2023-01-01T00:00:00Z");
  private static final Instant PHARMACY_TIME = Instant.parse("2023-06-01T00:00:00Z");
  private static final Instant UPDATE_TIME = Instant.parse("2023-09-01T00:00:00Z");
  private static final Instant PIPE_TIME = Instant.parse("2024-01-01T00:00:00Z");
  private static final int PEOPLE = 24;
  private static final String[] TWIN_NAMES = {"Oswald", "Beatrix", "Quentin", "Marigold"};

  /** One generated source record and the person it truly is. */
  record Source(String key, String person, ObjectNode document, boolean readableDob) {}

  @Test
  void shouldLinkConflictAndRejectAsTheGeneratedPopulationSays() throws IOException {
    List<JsonNode> synthea = readSynthea();
    List<Source> ehr = new ArrayList<>();
    List<Source> pharmacy = new ArrayList<>();
    Map<String, ObjectNode> ehrByPerson = new HashMap<>();
    // The first PEOPLE of the export: every perturbation, update and twin case occurs among them,
    // and each record costs the test driver a commit of every store it wrote.
    for (int i = 0; i < PEOPLE; i++) {
      ObjectNode patient = ehrPatient((ObjectNode) synthea.get(i).deepCopy(), "1", EHR_TIME);
      String person = "person-" + i;
      ehr.add(new Source("ehr/" + patient.path("id").asText(), person, patient, true));
      ehrByPerson.put(person, patient);
      if (i % 7 != 6) {
        pharmacy.add(pharmacySource(patient, person, i));
      }
    }
    addTwins(synthea, ehr, pharmacy, ehrByPerson);

    TestInputTopic<String, byte[]> ehrIn = kit.input(CanonicalSyncTopology.EHR_PATIENTS);
    TestInputTopic<String, byte[]> rxIn = kit.input(CanonicalSyncTopology.PRESCRIPTIONS_IN);
    for (Source source : ehr) {
      ehrIn.pipeInput(id(source), bytes(source.document()), PIPE_TIME);
    }

    for (Source source : pharmacy) {
      rxIn.pipeInput(source.document().path("rxId").asText(), bytes(source.document()), PIPE_TIME);
    }
    // Updates in both systems, six hours apart: a new phone on each side for every third person
    // who is at both and linked.
    Map<String, Set<String>> expectedConflicts = new TreeMap<>();
    for (Source rx : pharmacy) {
      String person = rx.person();
      int n = Integer.parseInt(person.replaceAll("\\D", ""));
      if (!rx.readableDob() || n % 3 != 0 || person.startsWith("twin")) {
        continue;
      }
      ObjectNode ehrV2 = ehrPatient(ehrByPerson.get(person).deepCopy(), "2", UPDATE_TIME);
      ((ObjectNode) ehrV2.withArray("telecom").get(0)).put("value", "555-100-" + n);
      ehrIn.pipeInput(ehrV2.path("id").asText(), bytes(ehrV2), PIPE_TIME);
      ObjectNode rxV2 = rx.document().deepCopy();
      rxV2.put("version", 2).put("updatedAt", UPDATE_TIME.plusSeconds(6 * 3600).toString());
      ((ObjectNode) rxV2.get("patient")).put("phone", "555-200-" + n);
      rxIn.pipeInput(rxV2.path("rxId").asText(), bytes(rxV2), PIPE_TIME);
      Set<String> fields = new TreeSet<>(Set.of("telecom"));
      if (!nameText(ehrV2).equals(nameText(rxV2.get("patient")))) {
        fields.add("name");
      }
      if (!addressText(ehrV2).equals(addressText(rxV2.get("patient")))) {
        fields.add("address");
      }
      expectedConflicts.put(person, fields);
    }

    // Who is who: every readable record of a person shares one golden patient, and no two
    // persons share one.
    Map<String, String> goldenOfPerson = new HashMap<>();
    Map<String, String> personOfGolden = new HashMap<>();
    List<Source> all = new ArrayList<>(ehr);
    all.addAll(pharmacy);
    int linked = 0;
    for (Source source : all) {
      String key = source.key();
      SourceState state =
          kit.kit().<String, SourceState>keyValueStore(IdentityProcessor.SOURCES_STORE).get(key);
      if (!source.readableDob()) {
        assertTrue(
            state == null || state.goldenId() == null, key + " has an unreadable birth date");
        continue;
      }
      String golden = state.goldenId();
      String before = goldenOfPerson.putIfAbsent(source.person(), golden);
      assertEquals(
          before == null ? golden : before, golden, key + " belongs with " + source.person());
      String owner = personOfGolden.putIfAbsent(golden, source.person());
      assertEquals(
          owner == null ? source.person() : owner,
          source.person(),
          key + " must not join another person");
      linked++;
    }
    assertTrue(linked > 40, "most of the population is linked: " + linked);

    // Errors: exactly the pharmacy records whose birth date is in another format.
    Set<String> expectedErrors = new TreeSet<>();
    pharmacy.stream().filter(s -> !s.readableDob()).forEach(s -> expectedErrors.add(s.key()));
    Map<String, SyncError> errors = kit.output(CanonicalSyncTopology.ERRORS).readKeyValuesToMap();
    assertEquals(expectedErrors, errors.keySet());
    errors
        .values()
        .forEach(e -> assertEquals("BIRTH_DATE_INVALID", e.getViolations().get(0).getCode()));

    // Conflicts: the fields that differ between the two updated records of each updated person.
    Map<String, Set<String>> conflicts = new TreeMap<>();
    for (SyncConflict conflict : kit.output(CanonicalSyncTopology.CONFLICTS).readValuesToList()) {
      String person = personOfGolden.get(conflict.getGoldenId());
      conflicts.computeIfAbsent(person, p -> new TreeSet<>()).add(conflict.getField());
    }
    assertTrue(expectedConflicts.size() >= 5, "the fixture updates enough people");
    assertEquals(expectedConflicts, conflicts);
  }

  private static List<JsonNode> readSynthea() throws IOException {
    List<JsonNode> patients = new ArrayList<>();
    try (BufferedReader lines = SyntheaExport.lines(SyntheaExport.patients())) {
      String line;
      while ((line = lines.readLine()) != null) {
        patients.add(SyncFixtures.JSON.readTree(line));
      }
    }
    return patients;
  }

  /**
   * The Synthea Patient as the EHR sends it: names without Synthea's digits, a version and time.
   */
  private static ObjectNode ehrPatient(ObjectNode patient, String version, Instant updated) {
    ObjectNode name = (ObjectNode) patient.withArray("name").get(0);
    name.put("use", "official");
    name.put("family", strip(name.path("family").asText()));
    ArrayNode given = SyncFixtures.array();
    name.path("given").forEach(g -> given.add(strip(g.asText())));
    name.set("given", given);
    name.remove("prefix");
    patient.withArray("name").removeAll().add(name);
    patient.putObject("meta").put("versionId", version).put("lastUpdated", updated.toString());
    if (!patient.has("telecom")) {
      patient.putArray("telecom").addObject().put("system", "phone").put("value", "555-000-0000");
    }
    return patient;
  }

  private static Source pharmacySource(ObjectNode ehr, String person, int i) {
    JsonNode name = ehr.path("name").get(0);
    String first = name.path("given").get(0).asText();
    String last = name.path("family").asText();
    String[] ymd = ehr.path("birthDate").asText().split("-");
    String dob = ymd[1] + "/" + ymd[2] + "/" + ymd[0];
    boolean mrn = true;
    boolean readable = true;
    switch (i % 6) {
      case 1 -> {
        first =
            first.length() > 4 ? first.substring(0, first.length() - 1) : first; // a dropped letter
        mrn = false;
      }
      case 2 -> {
        last =
            last.length() >= 5
                ? last.substring(0, 2) + last.charAt(3) + last.charAt(2) + last.substring(4)
                : last;
        mrn = false; // a typo: two letters swapped
      }
      case 3 -> {
        String swapped = first;
        first = last;
        last = swapped;
        mrn = false;
      }
      case 4 -> {
        dob = ymd[2] + "." + ymd[1] + "." + ymd[0]; // another date format
        readable = false;
        mrn = false;
      }
      case 5 -> mrn = false;
      default -> {}
    }
    return pharmacyRecord(
        ehr, "ph-" + i, "rx-" + i, person, first, last, dob, mrn ? mrnOf(ehr) : null, readable);
  }

  private static Source pharmacyRecord(
      ObjectNode ehr,
      String patientId,
      String rxId,
      String person,
      String first,
      String last,
      String dob,
      String mrn,
      boolean readable) {
    String sex = ehr.path("gender").asText().equals("female") ? "F" : "M";
    ObjectNode rx =
        SyncFixtures.prescription(
            rxId, 1, PHARMACY_TIME.toString(), patientId, first, last, dob, sex, mrn);
    ObjectNode patient = (ObjectNode) rx.get("patient");
    patient.put("phone", ehr.path("telecom").get(0).path("value").asText());
    JsonNode address = ehr.path("address").get(0);
    patient
        .putObject("address")
        .put("line1", address.path("line").get(0).asText())
        .put("city", address.path("city").asText())
        .put("state", address.path("state").asText())
        .put("zip", address.path("postalCode").asText(null));
    return new Source("pharmacy/" + patientId, person, rx, readable);
  }

  /**
   * Two pairs of twins in the EHR, each a Synthea patient's copy with another given name and MRN;
   * the pharmacy knows the first twin, without MRN.
   */
  private static void addTwins(
      List<JsonNode> synthea,
      List<Source> ehr,
      List<Source> pharmacy,
      Map<String, ObjectNode> byPerson) {
    for (int t = 0; t < 2; t++) {
      for (int twin = 0; twin < 2; twin++) {
        ObjectNode copy = ehrPatient((ObjectNode) synthea.get(10 + t).deepCopy(), "1", EHR_TIME);
        String id = "twin-" + t + "-" + twin;
        copy.put("id", id);
        ((ArrayNode) copy.withArray("name").get(0).withArray("given"))
            .removeAll()
            .add(TWIN_NAMES[t * 2 + twin]);
        for (JsonNode identifier : copy.withArray("identifier")) {
          ((ObjectNode) identifier).put("value", identifier.path("value").asText() + "-" + id);
        }
        String person = "twin-" + t + "-" + twin;
        ehr.add(new Source("ehr/" + id, person, copy, true));
        byPerson.put(person, copy);
        if (twin == 0) {
          String[] ymd = copy.path("birthDate").asText().split("-");
          pharmacy.add(
              pharmacyRecord(
                  copy,
                  "ph-" + id,
                  "rx-" + id,
                  person,
                  TWIN_NAMES[t * 2],
                  copy.path("name").get(0).path("family").asText(),
                  ymd[1] + "/" + ymd[2] + "/" + ymd[0],
                  null,
                  true));
        }
      }
    }
  }

  private static String mrnOf(JsonNode patient) {
    for (JsonNode identifier : patient.path("identifier")) {
      for (JsonNode coding : identifier.path("type").path("coding")) {
        if (coding.path("code").asText().equals("MR")) {
          return identifier.path("value").asText();
        }
      }
    }
    return null;
  }

  /** The name as a conflict shows it: given names, then family, with spaces. */
  private static String nameText(JsonNode patientOrPharmacy) {
    if (patientOrPharmacy.has("firstName")) {
      return patientOrPharmacy.path("firstName").asText()
          + " "
          + patientOrPharmacy.path("lastName").asText();
    }
    JsonNode name = patientOrPharmacy.path("name").get(0);
    List<String> parts = new ArrayList<>();
    name.path("given").forEach(g -> parts.add(g.asText()));
    parts.add(name.path("family").asText());
    return String.join(" ", parts);
  }

  /** The address as a conflict shows it: lines, city, state, postal code, with commas. */
  private static String addressText(JsonNode patientOrPharmacy) {
    List<String> parts = new ArrayList<>();
    if (patientOrPharmacy.has("pharmacyPatientId")) {
      JsonNode a = patientOrPharmacy.path("address");
      for (String f : new String[] {"line1", "city", "state", "zip"}) {
        if (!a.path(f).asText("").isEmpty()) {
          parts.add(a.path(f).asText());
        }
      }
    } else {
      JsonNode a = patientOrPharmacy.path("address").get(0);
      a.path("line").forEach(l -> parts.add(l.asText()));
      for (String f : new String[] {"city", "state", "postalCode"}) {
        if (!a.path(f).asText("").isEmpty()) {
          parts.add(a.path(f).asText());
        }
      }
    }
    return String.join(", ", parts);
  }

  private static String strip(String name) {
    return name.replaceAll("\\d", "");
  }

  private static String id(Source source) {
    return source.key().substring(source.key().indexOf('/') + 1);
  }

  private static byte[] bytes(JsonNode json) {
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }
}
