package dev.healthstreams.topology.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A patient's consents as {@code consent.views} and the HTTP query show them: per consent its
 * source, current state and since when, and its latest content (ids and codes only).
 */
public final class ConsentViews {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConsentViews() {}

  public static ObjectNode render(PatientConsents consents) {
    ObjectNode view = JSON.createObjectNode().put("patientId", consents.patientId());
    ArrayNode list = view.putArray("consents");
    for (ConsentHistory history : consents.consents()) {
      ConsentVersion latest = history.latest();
      ObjectNode item = list.addObject();
      item.put("consentId", history.consentId());
      item.put("source", history.source().name());
      item.put("state", latest.state().name());
      item.put("since", latest.at());
      item.put("versions", history.versions().size());
      Consent content = latest.consent();
      if (content != null) {
        item.put("dateTime", content.dateTime());
        item.set("period", JSON.valueToTree(content.period()));
        if (content.policy() != null) {
          item.put("policy", content.policy().name());
        }
        if (content.root() != null) {
          item.set("provision", JSON.valueToTree(content.root()));
        }
      }
    }
    return view;
  }

  public static byte[] bytes(PatientConsents consents) {
    try {
      return JSON.writeValueAsBytes(render(consents));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The decision as the HTTP query answers it. */
  public static JsonNode decision(Decision decision, AccessQuery query) {
    ObjectNode node = JSON.createObjectNode();
    node.put("patientId", query.patientId());
    node.put("decision", decision.verdict().name());
    node.put("reason", decision.reason().name());
    node.put("decidingConsentId", decision.deciding());
    ArrayNode considered = node.putArray("consideredConsentIds");
    decision.considered().forEach(considered::add);
    node.put("at", query.at());
    return node;
  }
}
