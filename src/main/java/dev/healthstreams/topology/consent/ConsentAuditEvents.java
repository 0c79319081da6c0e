package dev.healthstreams.topology.consent;

import static dev.healthstreams.topology.consent.JsonBytes.fragment;

import dev.healthstreams.topology.support.EventMetadataFactory;

/**
 * The FHIR R4 AuditEvent of one decision, shaped as IHE BALP's consent authorization event
 * (AuthZconsent): type DCM 110113, subtype AuthZ-Consent, action E, outcome 0 (permit) or 8 (deny)
 * with the reason in {@code outcomeDesc}; agents the requesting user (roles, purposeOfUse) and
 * organization; entities the patient and every consent considered. Ids only, never names.
 *
 * <p>One is written per decision, so it is written as bytes: its constant parts (most of its 1.6
 * KB) encoded once, only the request's values escaped. Jackson's generator, which escaped every
 * name and constant each time, was the largest part of the access-request path's profile. The bytes
 * are the same (ConsentAuditEventsTest).
 */
public final class ConsentAuditEvents {
  static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
  static final String BALP_AUTHZ = "https://profiles.ihe.net/ITI/BALP/CodeSystem/AuthZsubType";
  static final String PURPOSE_OF_USE = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
  static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";

  private static final byte[] START = fragment("{\"resourceType\":\"AuditEvent\",\"id\":");
  private static final byte[] TYPE_TO_RECORDED =
      fragment(
          ",\"type\":{\"system\":\""
              + DCM
              + "\",\"code\":\"110113\",\"display\":\"Security Alert\"},"
              + "\"subtype\":[{\"system\":\""
              + BALP_AUTHZ
              + "\",\"code\":\"AuthZ-Consent\","
              + "\"display\":\"Authorization Decision using Roles and Consent\"}],"
              + "\"action\":\"E\",\"recorded\":");
  private static final byte[] PERMIT_OUTCOME = fragment(",\"outcome\":\"0\",\"outcomeDesc\":");
  private static final byte[] DENY_OUTCOME = fragment(",\"outcome\":\"8\",\"outcomeDesc\":");
  private static final byte[] PURPOSE_OF_EVENT = fragment(",\"purposeOfEvent\":");
  private static final byte[] PURPOSE_START =
      fragment("[{\"coding\":[{\"system\":\"" + PURPOSE_OF_USE + "\",\"code\":");
  private static final byte[] PURPOSE_END = fragment("}]}]");
  private static final byte[] AGENTS = fragment(",\"agent\":[");
  private static final byte[] WHO_REFERENCE = fragment("{\"who\":{\"reference\":");
  private static final byte[] REQUESTOR_TRUE = fragment("},\"requestor\":true");
  private static final byte[] REQUESTOR_FALSE = fragment("},\"requestor\":false");
  private static final byte[] ROLES = fragment(",\"role\":[");
  private static final byte[] ROLE_START = fragment("{\"coding\":[{\"code\":");
  private static final byte[] ROLE_END = fragment("}]}");
  private static final byte[] PURPOSE_OF_USE_FIELD = fragment("],\"purposeOfUse\":");
  private static final byte[] COMMA = fragment(",");
  private static final byte[] END_OBJECT = fragment("}");
  private static final byte[] WHO_IDENTIFIER = fragment("{\"who\":{\"identifier\":{\"value\":");
  private static final byte[] OBSERVER_AGENT_END = fragment("}},\"requestor\":false}");
  private static final byte[] SOURCE =
      fragment("],\"source\":{\"observer\":{\"identifier\":{\"value\":");
  private static final byte[] ENTITIES = fragment("}}},\"entity\":[");
  private static final byte[] WHAT_REFERENCE = fragment("{\"what\":{\"reference\":");
  private static final byte[] WHAT_IDENTIFIER = fragment("{\"what\":{\"identifier\":{\"value\":");
  private static final byte[] TYPE_1 =
      fragment("},\"type\":{\"system\":\"" + ENTITY_TYPE + "\",\"code\":\"1\"}}");
  private static final byte[] IDENTIFIED_TYPE_2 =
      fragment("}},\"type\":{\"system\":\"" + ENTITY_TYPE + "\",\"code\":\"2\"}");
  private static final byte[] TYPE_2 =
      fragment("},\"type\":{\"system\":\"" + ENTITY_TYPE + "\",\"code\":\"2\"}");
  private static final byte[] DESCRIPTION = fragment(",\"description\":");
  private static final byte[] DECIDING = fragment(",\"description\":\"deciding\"");
  private static final byte[] END = fragment("]}");

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
    JsonBytes json = new JsonBytes(2048);
    json.raw(START)
        .string(EventMetadataFactory.eventId("consent-audit", via, requestId))
        .raw(TYPE_TO_RECORDED)
        .instant(recorded)
        .raw(decision.permitted() ? PERMIT_OUTCOME : DENY_OUTCOME)
        .string(decision.reason().name())
        .raw(PURPOSE_OF_EVENT);
    purposes(json, query.purpose());
    json.raw(AGENTS);
    agents(json, query);
    json.raw(SOURCE).string(observer).raw(ENTITIES);
    entities(json, via, requestId, query, decision);
    return json.raw(END).toByteArray();
  }

  /** The requesting user, the organization, then this topology as the observing agent. */
  private void agents(JsonBytes json, AccessQuery query) {
    Requester requester = query.requester();
    if (requester.user() != null) {
      json.raw(WHO_REFERENCE).string("Practitioner/" + requester.user()).raw(REQUESTOR_TRUE);
      rolesAndPurpose(json, query);
      json.raw(END_OBJECT).raw(COMMA);
    }
    if (requester.organization() != null) {
      json.raw(WHO_REFERENCE).string("Organization/" + requester.organization());
      if (requester.user() == null) {
        json.raw(REQUESTOR_TRUE);
        rolesAndPurpose(json, query);
      } else {
        json.raw(REQUESTOR_FALSE);
      }
      json.raw(END_OBJECT).raw(COMMA);
    }
    json.raw(WHO_IDENTIFIER).string(observer).raw(OBSERVER_AGENT_END);
  }

  /** The patient, the request, then every consent considered (the deciding one so described). */
  private static void entities(
      JsonBytes json, String via, String requestId, AccessQuery query, Decision decision) {
    json.raw(WHAT_REFERENCE).string("Patient/" + query.patientId()).raw(TYPE_1).raw(COMMA);
    json.raw(WHAT_IDENTIFIER)
        .string(requestId)
        .raw(IDENTIFIED_TYPE_2)
        .raw(DESCRIPTION)
        .string(via)
        .raw(END_OBJECT);
    for (String consentId : decision.considered()) {
      json.raw(COMMA).raw(WHAT_REFERENCE).string("Consent/" + consentId).raw(TYPE_2);
      if (consentId.equals(decision.deciding())) {
        json.raw(DECIDING);
      }
      json.raw(END_OBJECT);
    }
  }

  /** The requesting agent's roles (codes only) and its purposeOfUse. */
  private static void rolesAndPurpose(JsonBytes json, AccessQuery query) {
    json.raw(ROLES);
    boolean first = true;
    for (String role : query.requester().roles()) {
      if (!first) {
        json.raw(COMMA);
      }
      first = false;
      json.raw(ROLE_START).string(role).raw(ROLE_END);
    }
    json.raw(PURPOSE_OF_USE_FIELD);
    purposes(json, query.purpose());
  }

  /** A list of one CodeableConcept: the request's PurposeOfUse. */
  private static void purposes(JsonBytes json, String purpose) {
    json.raw(PURPOSE_START).string(purpose).raw(PURPOSE_END);
  }
}
