package dev.healthstreams.topology.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthstreams.errors.BadRecordException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps the pharmacy system's prescription JSON to a canonical prescription and the pharmacy patient
 * source record it carries: {@code dob} MM/dd/yyyy to an ISO date, {@code sex} M/F/U to FHIR
 * gender, the MRN to an identifier of the EHR's MRN system, the NPI to an NPI identifier. A value
 * that cannot be converted is kept as written, for the validator to report; only a record without
 * its ids is unreadable.
 */
public final class PharmacyPrescriptionMapper {
  public static final String NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi";
  private static final DateTimeFormatter DOB =
      DateTimeFormatter.ofPattern("MM/dd/uuuu", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  private final String mrnSystem;

  public PharmacyPrescriptionMapper(String mrnSystem) {
    this.mrnSystem = mrnSystem;
  }

  /** The two records one prescription version carries. */
  public record Mapped(PrescriptionRecord prescription, PatientRecord patient) {}

  public Mapped map(JsonNode rx, Long position, Long sourceTimestamp) {
    String rxId = text(rx, "rxId");
    if (rxId == null) {
      throw new BadRecordException("no-id", "prescription has no rxId");
    }
    JsonNode patient = rx.path("patient");
    String patientId = text(patient, "pharmacyPatientId");
    if (patientId == null) {
      throw new BadRecordException("no-id", "prescription " + rxId + " has no pharmacyPatientId");
    }
    JsonNode versionNode = rx.get("version");
    if (versionNode == null || !versionNode.canConvertToLong()) {
      throw new BadRecordException(
          "no-version", "prescription " + rxId + " has no integer version");
    }
    long version = versionNode.asLong();
    String updatedAtText = text(rx, "updatedAt");
    Long updatedAt = instant(updatedAtText);
    if (updatedAt == null && updatedAtText == null) {
      updatedAt = sourceTimestamp;
    }
    JsonNode drug = rx.path("drug");
    JsonNode prescriber = rx.path("prescriber");
    PrescriptionRecord prescription =
        new PrescriptionRecord(
            rxId,
            version,
            position != null ? position : version,
            updatedAt,
            updatedAtText,
            patientId,
            text(drug, "ndc"),
            text(drug, "rxnorm"),
            text(drug, "name"),
            text(rx, "sig"),
            number(rx.get("quantity")),
            integer(rx.get("daysSupply")),
            integer(rx.get("refills")),
            text(prescriber, "npi"),
            text(prescriber, "name"),
            text(rx, "status"));
    SourceKey source = new SourceKey(SourceKey.PHARMACY, patientId);
    // The patient record changes with each prescription version that carries it: its order is the
    // CDC position, else the prescription's update time.
    PatientRecord patientRecord =
        new PatientRecord(
            source,
            updatedAtText,
            position != null ? position : updatedAt,
            updatedAt,
            demographics(patient));
    return new Mapped(prescription, patientRecord);
  }

  /** The rxId of a deleted prescription, from the document a delete event carried. */
  public static String rxIdOf(JsonNode document) {
    return document == null ? null : text(document, "rxId");
  }

  private Demographics demographics(JsonNode patient) {
    List<Demographics.Identifier> identifiers = new ArrayList<>();
    String mrn = text(patient, "mrn");
    if (mrn != null) {
      identifiers.add(new Demographics.Identifier(mrnSystem, mrn));
    }
    List<String> given = new ArrayList<>();
    String first = text(patient, "firstName");
    if (first != null) {
      given.add(first);
    }
    JsonNode address = patient.get("address");
    Demographics.Address canonicalAddress = null;
    if (address != null && address.isObject()) {
      String line1 = text(address, "line1");
      canonicalAddress =
          new Demographics.Address(
              line1 == null ? List.of() : List.of(line1),
              text(address, "city"),
              text(address, "state"),
              text(address, "zip"));
    }
    return new Demographics(
        text(patient, "lastName"),
        given,
        isoDate(text(patient, "dob")),
        gender(text(patient, "sex")),
        identifiers,
        canonicalAddress,
        text(patient, "phone"));
  }

  /** MM/dd/yyyy as an ISO date; anything else as written (the validator reports it). */
  static String isoDate(String dob) {
    if (dob == null) {
      return null;
    }
    try {
      return LocalDate.parse(dob.trim(), DOB).toString();
    } catch (DateTimeParseException e) {
      return dob;
    }
  }

  /** M/F/U to FHIR administrative gender; anything else as written, lower-cased. */
  static String gender(String sex) {
    if (sex == null) {
      return null;
    }
    return switch (sex.trim().toUpperCase(Locale.ROOT)) {
      case "M" -> "male";
      case "F" -> "female";
      case "U" -> "unknown";
      default -> sex.trim().toLowerCase(Locale.ROOT);
    };
  }

  static Long instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(text).toEpochMilli();
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || value.isNull() || value.isContainerNode()) {
      return null;
    }
    String text = value.asText().trim();
    return text.isEmpty() ? null : text;
  }

  private static Double number(JsonNode node) {
    return node != null && node.isNumber() ? node.asDouble() : null;
  }

  private static Integer integer(JsonNode node) {
    return node != null && node.canConvertToInt() ? node.asInt() : null;
  }
}
