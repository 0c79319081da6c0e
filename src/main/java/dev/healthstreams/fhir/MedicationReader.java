package dev.healthstreams.fhir;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads the drug of a FHIR R4 Medication with Jackson's streaming parser, bare or in the platform
 * envelope. The lead keeps these in a table to resolve {@code
 * MedicationRequest.medicationReference} "Medication/id". Thread-safe and stateless.
 *
 * <p>Failures are {@link dev.healthstreams.errors.BadRecordException}s with reasons {@code
 * not-json}, {@code not-fhir} and {@code wrong-resource-type}.
 */
public final class MedicationReader {

  private static final String MEDICATION = "Medication";

  public MedicationFacts read(byte[] json) {
    Draft draft = MedicationJson.read(json, MEDICATION, Draft::new, MedicationReader::readField);
    draft.requireResourceType(MEDICATION);
    return new MedicationFacts(draft.id, draft.drug);
  }

  private static void readField(JsonParser parser, String name, JsonToken token, Draft draft)
      throws IOException {
    if (name.equals("code")) {
      draft.drug = MedicationJson.readDrug(parser, token);
    } else {
      parser.skipChildren();
    }
  }

  private static final class Draft extends MedicationJson.Draft {
    DrugCode drug;
  }
}
