package dev.healthstreams.topology.consent;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.healthstreams.topology.support.EventMetadataFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The FHIR R4 AuditEvent of one decision, shaped as IHE BALP's consent authorization event
 * (AuthZconsent): type DCM 110113, subtype AuthZ-Consent, action E, outcome 0 (permit) or 8 (deny)
 * with the reason in {@code outcomeDesc}; agents the requesting user (roles, purposeOfUse) and
 * organization; entities the patient and every consent considered. Ids only, never names.
 *
 * <p>Written token by token: one is written per decision, and a tree of nodes cost several times
 * the writing (the profile of the access-request path).
 */
public final class ConsentAuditEvents {
  static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
  static final String BALP_AUTHZ = "https://profiles.ihe.net/ITI/BALP/CodeSystem/AuthZsubType";
  static final String PURPOSE_OF_USE = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
  static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
  private static final JsonFactory JSON = new JsonFactory();

  private final String observer;

  /**
   * @param topology the topology name: the audit source is {@code healthstreams/<topology>}
   */
  public ConsentAuditEvents(String topology) {
    this.observer = "healthstreams/" + topology;
  }

  /**
   * @param via where the decision was asked: {@code stream}, {@code gate:<name>} or {@code http}
   * @param requestId the request's id (a gate's record: its topic, partition and offset)
   * @param recorded when the decision was made (epoch ms)
   */
  public byte[] of(
      String via, String requestId, AccessQuery query, Decision decision, long recorded) {
    ByteArrayBuilder bytes = new ByteArrayBuilder(1024);
    try (JsonGenerator json = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
      write(json, via, requestId, query, decision, recorded);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private void write(
      JsonGenerator json,
      String via,
      String requestId,
      AccessQuery query,
      Decision decision,
      long recorded)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("resourceType", "AuditEvent");
    json.writeStringField("id", EventMetadataFactory.eventId("consent-audit", via, requestId));
    json.writeFieldName("type");
    coding(json, DCM, "110113", "Security Alert");
    json.writeArrayFieldStart("subtype");
    coding(json, BALP_AUTHZ, "AuthZ-Consent", "Authorization Decision using Roles and Consent");
    json.writeEndArray();
    json.writeStringField("action", "E");
    json.writeStringField("recorded", Instant.ofEpochMilli(recorded).toString());
    json.writeStringField("outcome", decision.permitted() ? "0" : "8");
    json.writeStringField("outcomeDesc", decision.reason().name());
    purposes(json, "purposeOfEvent", query.purpose());
    json.writeArrayFieldStart("agent");
    Requester requester = query.requester();
    if (requester.user() != null) {
      json.writeStartObject();
      reference(json, "who", "Practitioner/" + requester.user());
      json.writeBooleanField("requestor", true);
      rolesAndPurpose(json, query);
      json.writeEndObject();
    }
    if (requester.organization() != null) {
      json.writeStartObject();
      reference(json, "who", "Organization/" + requester.organization());
      json.writeBooleanField("requestor", requester.user() == null);
      if (requester.user() == null) {
        rolesAndPurpose(json, query);
      }
      json.writeEndObject();
    }
    json.writeStartObject();
    identifier(json, "who", observer);
    json.writeBooleanField("requestor", false);
    json.writeEndObject();
    json.writeEndArray();
    json.writeObjectFieldStart("source");
    identifier(json, "observer", observer);
    json.writeEndObject();
    json.writeArrayFieldStart("entity");
    json.writeStartObject();
    reference(json, "what", "Patient/" + query.patientId());
    entityType(json, "1");
    json.writeEndObject();
    json.writeStartObject();
    identifier(json, "what", requestId);
    entityType(json, "2");
    json.writeStringField("description", via);
    json.writeEndObject();
    for (String consentId : decision.considered()) {
      json.writeStartObject();
      reference(json, "what", "Consent/" + consentId);
      entityType(json, "2");
      if (consentId.equals(decision.deciding())) {
        json.writeStringField("description", "deciding");
      }
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /** The requesting agent's roles (codes only) and its purposeOfUse. */
  private static void rolesAndPurpose(JsonGenerator json, AccessQuery query) throws IOException {
    json.writeArrayFieldStart("role");
    for (String role : query.requester().roles()) {
      json.writeStartObject();
      json.writeArrayFieldStart("coding");
      json.writeStartObject();
      json.writeStringField("code", role);
      json.writeEndObject();
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
    purposes(json, "purposeOfUse", query.purpose());
  }

  /** A list of one CodeableConcept: the request's PurposeOfUse. */
  private static void purposes(JsonGenerator json, String field, String purpose)
      throws IOException {
    json.writeArrayFieldStart(field);
    json.writeStartObject();
    json.writeArrayFieldStart("coding");
    json.writeStartObject();
    json.writeStringField("system", PURPOSE_OF_USE);
    json.writeStringField("code", purpose);
    json.writeEndObject();
    json.writeEndArray();
    json.writeEndObject();
    json.writeEndArray();
  }

  private static void coding(JsonGenerator json, String system, String code, String display)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("system", system);
    json.writeStringField("code", code);
    json.writeStringField("display", display);
    json.writeEndObject();
  }

  private static void entityType(JsonGenerator json, String code) throws IOException {
    json.writeObjectFieldStart("type");
    json.writeStringField("system", ENTITY_TYPE);
    json.writeStringField("code", code);
    json.writeEndObject();
  }

  private static void reference(JsonGenerator json, String field, String reference)
      throws IOException {
    json.writeObjectFieldStart(field);
    json.writeStringField("reference", reference);
    json.writeEndObject();
  }

  private static void identifier(JsonGenerator json, String field, String value)
      throws IOException {
    json.writeObjectFieldStart(field);
    json.writeObjectFieldStart("identifier");
    json.writeStringField("value", value);
    json.writeEndObject();
    json.writeEndObject();
  }
}
