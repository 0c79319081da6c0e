package dev.healthstreams.fhir;

import static dev.healthstreams.fhir.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.serde.BadRecordException;
import dev.healthstreams.testkit.Synthea;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MedicationReaderTest {

  private static final String EPOGEN = "1 ML Epoetin Alfa 4000 UNT/ML Injection [Epogen]";

  private final MedicationReader reader = new MedicationReader();

  @Test
  void shouldReadTheIdAndDrugOfAMedication() {
    MedicationFacts facts = reader.read(bytes(Fixtures.medication("med-1", "205923", EPOGEN)));

    assertEquals("med-1", facts.id());
    assertEquals(new DrugCode(Fixtures.RXNORM, "205923", EPOGEN), facts.drug());
  }

  @Test
  void shouldReadAnEnvelopedMedication() {
    String json =
        Fixtures.envelopedPayloadFirst(Fixtures.medication("med-2", "205923", EPOGEN), "c-1");

    assertEquals("205923", reader.read(bytes(json)).drug().code());
  }

  @Test
  void shouldGiveNoDrugForAMedicationWithoutCode() {
    String json = Fixtures.withoutField(Fixtures.medication("med-3", "205923", EPOGEN), "code");

    MedicationFacts facts = reader.read(bytes(json));

    assertEquals("med-3", facts.id());
    assertNull(facts.drug());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {"{\"resourceType\": \"Medic", "abc", "''"})
  void shouldRejectInvalidJsonAsNotJson(String text) {
    assertReason("not-json", text == null ? "" : text);
  }

  @Test
  void shouldRejectJsonWithoutResourceTypeAsNotFhir() {
    assertReason(
        "not-fhir", Fixtures.withoutField(Fixtures.medication("med-4", "1", "x"), "resourceType"));
  }

  @Test
  void shouldRejectAMedicationRequestAsWrongResourceType() {
    assertReason(
        "wrong-resource-type", Fixtures.medicationRequest("req-1", "pat-1", "active", "1", "x"));
  }

  @Test
  void shouldReadEverySyntheaMedicationAsJacksonSeesIt() throws Exception {
    Path exported = Synthea.file("Medication.ndjson.gz");
    ObjectMapper mapper = new ObjectMapper();
    int checked = 0;
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(exported)), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        JsonNode expected = mapper.readTree(line);
        MedicationFacts facts = reader.read(bytes(line));

        assertEquals(expected.get("id").asText(), facts.id());
        assertEquals(expected.at("/code/coding/0/code").asText(), facts.drug().code());
        assertEquals(expected.at("/code/coding/0/system").asText(), facts.drug().system());
        checked++;
      }
    }
    // The sample's size, as counted with zcat | wc -l.
    assertEquals(1329, checked);
  }

  private void assertReason(String reason, String json) {
    BadRecordException e = assertThrows(BadRecordException.class, () -> reader.read(bytes(json)));
    assertEquals(reason, e.reason(), e.getMessage());
  }
}
