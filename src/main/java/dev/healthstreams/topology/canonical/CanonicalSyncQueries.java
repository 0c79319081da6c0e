package dev.healthstreams.topology.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.avro.CanonicalPatient;
import dev.healthstreams.serde.AvroJson;
import dev.healthstreams.topology.query.KeyLookup;
import dev.healthstreams.topology.query.ListQuery;
import dev.healthstreams.topology.query.QueryEndpoint;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a data steward asks: a golden patient with its links and lineage, which golden patient a
 * source record belongs to, the open review items, and where delivery of a version stands.
 */
final class CanonicalSyncQueries {
  static final String PATIENT = "/sync/patients/{goldenId}";
  static final String SOURCE = "/sync/sources/{system}/{id}";
  static final String REVIEW = "/sync/review";
  static final String RECONCILIATION = "/sync/reconciliation/{entityType}/{entityId}";
  private static final ObjectMapper JSON = new ObjectMapper();

  private CanonicalSyncQueries() {}

  /**
   * The golden patient's answer carries its reconciliation state, which lives in the reconciliation
   * stage's store, partitioned by entity rather than on the identity stage's single partition: it
   * is included from that endpoint, read here or asked of the replica that holds it.
   */
  static List<QueryEndpoint> endpoints(ReconciliationTracker tracker) {
    return List.of(
        KeyLookup.<CanonicalPatient>byPathParam(
                PATIENT, IdentityProcessor.PATIENTS_STORE, "goldenId", AvroJson::toJson)
            .including(
                "reconciliation",
                request ->
                    "/sync/reconciliation/patient/" + pathSegment(request.pathParam("goldenId"))),
        KeyLookup.<SourceState>byStringKey(
            SOURCE,
            IdentityProcessor.SOURCES_STORE,
            request -> request.pathParam("system") + "/" + request.pathParam("id"),
            CanonicalSyncQueries::source),
        ListQuery.<ReviewEntry>scanning(
            REVIEW, IdentityProcessor.REVIEWS_STORE, (id, entry) -> JSON.valueToTree(entry)),
        KeyLookup.<ReconciliationState>byStringKey(
            RECONCILIATION,
            ReconciliationProcessor.STATE_STORE,
            request -> request.pathParam("entityType") + "/" + request.pathParam("entityId"),
            state -> JSON.valueToTree(DeliveryStatus.of(state, tracker))));
  }

  private static String pathSegment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The link only: the source's demographics stay out of this answer. */
  private static JsonNode source(SourceState state) {
    ObjectNode node = JSON.createObjectNode();
    node.put("goldenId", state.goldenId());
    node.put("linkType", state.linkType() == null ? null : state.linkType().name());
    node.put("linked", state.linked());
    if (state.record() != null) {
      node.put("source", state.record().source().text());
      node.put("version", state.record().version());
    }
    return node;
  }
}
