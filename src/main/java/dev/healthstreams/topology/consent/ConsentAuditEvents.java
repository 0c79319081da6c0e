package dev.healthstreams.topology.consent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.topology.support.EventMetadataFactory;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The FHIR R4 AuditEvent of one decision, shaped as IHE BALP's consent authorization event
 * (AuthZconsent): type DCM 110113, subtype AuthZ-Consent, action E, outcome 0 (permit) or 8 (deny)
 * with the reason in {@code outcomeDesc}; agents the requesting user (roles, purposeOfUse) and
 * organization; entities the patient and every consent considered. Ids only, never names.
 */
public final class ConsentAuditEvents {
  static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
  static final String BALP_AUTHZ = "https://profiles.ihe.net/ITI/BALP/CodeSystem/AuthZsubType";
  static final String PURPOSE_OF_USE = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
  static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
  private static final ObjectMapper JSON = new ObjectMapper();

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
    ObjectNode event = JSON.createObjectNode();
    event.put("resourceType", "AuditEvent");
    event.put("id", EventMetadataFactory.eventId("consent-audit", via, requestId));
    event.set("type", coding(DCM, "110113", "Security Alert"));
    event
        .putArray("subtype")
        .add(coding(BALP_AUTHZ, "AuthZ-Consent", "Authorization Decision using Roles and Consent"));
    event.put("action", "E");
    event.put("recorded", Instant.ofEpochMilli(recorded).toString());
    event.put("outcome", decision.permitted() ? "0" : "8");
    event.put("outcomeDesc", decision.reason().name());
    ArrayNode purposes = JSON.createArrayNode().add(concept(PURPOSE_OF_USE, query.purpose()));
    event.set("purposeOfEvent", purposes.deepCopy());
    ArrayNode agents = event.putArray("agent");
    Requester requester = query.requester();
    if (requester.user() != null) {
      ObjectNode user = agents.addObject();
      user.putObject("who").put("reference", "Practitioner/" + requester.user());
      user.put("requestor", true);
      ArrayNode roles = user.putArray("role");
      requester
          .roles()
          .forEach(role -> roles.addObject().putArray("coding").addObject().put("code", role));
      user.set("purposeOfUse", purposes.deepCopy());
    }
    if (requester.organization() != null) {
      ObjectNode organization = agents.addObject();
      organization.putObject("who").put("reference", "Organization/" + requester.organization());
      organization.put("requestor", requester.user() == null);
      if (requester.user() == null) {
        ArrayNode roles = organization.putArray("role");
        requester
            .roles()
            .forEach(role -> roles.addObject().putArray("coding").addObject().put("code", role));
        organization.set("purposeOfUse", purposes.deepCopy());
      }
    }
    ObjectNode decider = agents.addObject();
    decider.putObject("who").putObject("identifier").put("value", observer);
    decider.put("requestor", false);
    ObjectNode source = event.putObject("source");
    source.putObject("observer").putObject("identifier").put("value", observer);
    ArrayNode entities = event.putArray("entity");
    ObjectNode patient = entities.addObject();
    patient.putObject("what").put("reference", "Patient/" + query.patientId());
    patient.set("type", codingOf(ENTITY_TYPE, "1"));
    ObjectNode request = entities.addObject();
    request.putObject("what").putObject("identifier").put("value", requestId);
    request.set("type", codingOf(ENTITY_TYPE, "2"));
    request.put("description", via);
    for (String consentId : decision.considered()) {
      ObjectNode consent = entities.addObject();
      consent.putObject("what").put("reference", "Consent/" + consentId);
      consent.set("type", codingOf(ENTITY_TYPE, "2"));
      if (consentId.equals(decision.deciding())) {
        consent.put("description", "deciding");
      }
    }
    try {
      return JSON.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode coding(String system, String code, String display) {
    return JSON.createObjectNode().put("system", system).put("code", code).put("display", display);
  }

  private static ObjectNode codingOf(String system, String code) {
    return JSON.createObjectNode().put("system", system).put("code", code);
  }

  private static ObjectNode concept(String system, String code) {
    ObjectNode concept = JSON.createObjectNode();
    concept.putArray("coding").add(codingOf(system, code));
    return concept;
  }
}
