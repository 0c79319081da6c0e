package dev.healthstreams.topology.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthstreams.errors.BadRecordException;
import dev.healthstreams.fhir.FhirResources;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/** Maps an EHR FHIR R4 Observation (parsed with HAPI) to its canonical shape. */
public final class ObservationMapper {
  // Compiled once, as matching's patterns are: String.matches compiles it on every call.
  private static final Pattern NUMERIC_VERSION = Pattern.compile("\\d{1,18}");

  public ObservationRecord map(JsonNode document, Long position) {
    Observation observation = FhirResources.parse(document, Observation.class);
    String id = observation.getIdElement().getIdPart();
    if (id == null || id.isBlank()) {
      throw new BadRecordException("no-id", "Observation has no id");
    }
    String version = observation.getMeta().getVersionId();
    Long sequence = position;
    if (sequence == null && version != null && NUMERIC_VERSION.matcher(version).matches()) {
      sequence = Long.parseLong(version);
    }
    if (sequence == null && observation.getMeta().hasLastUpdated()) {
      sequence = observation.getMeta().getLastUpdated().getTime();
    }
    String subject = observation.getSubject().getReferenceElement().getIdPart();
    Coding coding =
        observation.getCode().getCoding().isEmpty()
            ? null
            : observation.getCode().getCodingFirstRep();
    Double value = null;
    String unit = null;
    if (observation.hasValueQuantity()) {
      Quantity quantity = observation.getValueQuantity();
      value = quantity.hasValue() ? quantity.getValue().doubleValue() : null;
      unit = quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
    }
    String effective =
        observation.hasEffectiveDateTimeType()
            ? observation.getEffectiveDateTimeType().getValueAsString()
            : null;
    return new ObservationRecord(
        id,
        version,
        sequence,
        subject,
        observation.hasStatus() ? observation.getStatus().toCode() : null,
        coding == null ? null : coding.getSystem() + "|" + coding.getCode(),
        coding == null ? null : coding.getDisplay(),
        value,
        unit,
        effective);
  }

  public static String idOf(JsonNode document) {
    return document == null ? null : document.path("id").asText(null);
  }
}
