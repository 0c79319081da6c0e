package dev.healthstreams.topology.canonical;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Source documents written as the source systems write them, for the canonical-sync tests. */
final class SyncFixtures {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String MRN_SYSTEM = "urn:oid:2.16.840.1.113883.19.5";

  /** A valid NPI: 80840 + 123456789 has Luhn check digit 3 (CMS's own example). */
  static final String NPI = "1234567893";

  private SyncFixtures() {}

  /** An EHR Patient; {@code mrn} may be null. */
  static ObjectNode ehrPatient(
      String id,
      String version,
      String lastUpdated,
      String given,
      String family,
      String birthDate,
      String gender,
      String mrn) {
    ObjectNode p = JSON.createObjectNode();
    p.put("resourceType", "Patient");
    p.put("id", id);
    ObjectNode meta = p.putObject("meta");
    if (version != null) {
      meta.put("versionId", version);
    }
    if (lastUpdated != null) {
      meta.put("lastUpdated", lastUpdated);
    }
    if (mrn != null) {
      ObjectNode identifier = p.putArray("identifier").addObject();
      identifier
          .putObject("type")
          .putArray("coding")
          .addObject()
          .put("system", "http://terminology.hl7.org/CodeSystem/v2-0203")
          .put("code", "MR");
      identifier.put("system", "https://github.com/synthetichealth/synthea");
      identifier.put("value", mrn);
    }
    ObjectNode name = p.putArray("name").addObject();
    name.put("use", "official");
    if (family != null) {
      name.put("family", family);
    }
    if (given != null) {
      name.putArray("given").add(given);
    }
    if (gender != null) {
      p.put("gender", gender);
    }
    if (birthDate != null) {
      p.put("birthDate", birthDate);
    }
    p.putArray("telecom").addObject().put("system", "phone").put("value", "555-0100");
    ObjectNode address = p.putArray("address").addObject();
    address.putArray("line").add("1 Main St");
    address.put("city", "Boston").put("state", "MA").put("postalCode", "02115");
    return p;
  }

  /** A pharmacy prescription carrying its patient's demographics; {@code mrn} may be null. */
  static ObjectNode prescription(
      String rxId,
      int version,
      String updatedAt,
      String patientId,
      String first,
      String last,
      String dob,
      String sex,
      String mrn) {
    ObjectNode rx = JSON.createObjectNode();
    rx.put("rxId", rxId).put("version", version).put("updatedAt", updatedAt);
    ObjectNode patient = rx.putObject("patient");
    patient.put("pharmacyPatientId", patientId);
    if (first != null) {
      patient.put("firstName", first);
    }
    if (last != null) {
      patient.put("lastName", last);
    }
    if (dob != null) {
      patient.put("dob", dob);
    }
    patient.put("sex", sex).put("phone", "555-0100");
    patient
        .putObject("address")
        .put("line1", "1 Main St")
        .put("city", "Boston")
        .put("state", "MA")
        .put("zip", "02115");
    if (mrn != null) {
      patient.put("mrn", mrn);
    }
    rx.putObject("drug")
        .put("ndc", "00093-7146-56")
        .put("rxnorm", "197361")
        .put("name", "Amlodipine 5 MG");
    rx.put("sig", "1 tab daily").put("quantity", 30).put("daysSupply", 30).put("refills", 2);
    rx.putObject("prescriber").put("npi", NPI).put("name", "Dr Who");
    rx.put("status", "active");
    return rx;
  }

  static ObjectNode observation(String id, String patientId, String status, String effective) {
    ObjectNode o = JSON.createObjectNode();
    o.put("resourceType", "Observation").put("id", id).put("status", status);
    o.putObject("code")
        .putArray("coding")
        .addObject()
        .put("system", "http://loinc.org")
        .put("code", "8867-4")
        .put("display", "Heart rate");
    o.putObject("subject").put("reference", "Patient/" + patientId);
    o.put("effectiveDateTime", effective);
    o.putObject("valueQuantity").put("value", 72).put("unit", "/min").put("code", "/min");
    return o;
  }

  /** A Debezium change event around a row image. */
  static ObjectNode debezium(String op, ObjectNode before, ObjectNode after, long lsn, long tsMs) {
    ObjectNode event = JSON.createObjectNode();
    event.put("op", op);
    event.set("before", before);
    event.set("after", after);
    event.putObject("source").put("lsn", lsn).put("ts_ms", tsMs);
    event.put("ts_ms", tsMs + 5);
    return event;
  }

  static ObjectNode envelope(ObjectNode payload, String correlationId) {
    ObjectNode e = JSON.createObjectNode();
    e.putObject("metadata").put("correlationId", correlationId);
    e.set("payload", payload);
    return e;
  }

  static ObjectNode command(String command, String a, String b) {
    return JSON.createObjectNode().put("command", command).put("sourceA", a).put("sourceB", b);
  }

  static ObjectNode ack(
      String entityType, String entityId, long version, String at, String status) {
    return JSON.createObjectNode()
        .put("entityType", entityType)
        .put("entityId", entityId)
        .put("version", version)
        .put("syncTimestamp", at)
        .put("syncStatus", status)
        .put("syncDetails", "ok");
  }

  static Demographics person(String given, String family, String birthDate) {
    return new Demographics(
        family,
        given == null ? List.of() : List.of(given),
        birthDate,
        "female",
        List.of(),
        new Demographics.Address(List.of("1 Main St"), "Boston", "MA", "02115"),
        "555-0100");
  }

  static ArrayNode array() {
    return JSON.createArrayNode();
  }
}
