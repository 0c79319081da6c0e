package dev.healthstreams.topology.interaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.avro.ActiveMedicationList;
import dev.healthstreams.serde.AvroJson;
import dev.healthstreams.topology.query.KeyLookup;
import dev.healthstreams.topology.query.ListQuery;
import dev.healthstreams.topology.query.QueryEndpoint;
import java.util.List;

/**
 * What a pharmacist asks first: a patient's active medications, from the store the interaction
 * check keeps. The store holds only patients with active requests, so a patient with none is a 404.
 */
final class ActiveMedicationQueries {
  static final String BY_PATIENT =
      "/" + MedicationInteractionTopology.NAME + "/patients/{id}/active-medications";
  static final String ALL_PATIENTS =
      "/" + MedicationInteractionTopology.NAME + "/active-medications";

  private ActiveMedicationQueries() {}

  static List<QueryEndpoint> endpoints() {
    return List.of(
        KeyLookup.<ActiveMedicationList>byPathParam(
            BY_PATIENT,
            InteractionCheckProcessor.ACTIVE_STORE,
            "id",
            ActiveMedicationQueries::answer),
        ListQuery.<ActiveMedicationList>scanning(
            ALL_PATIENTS, InteractionCheckProcessor.ACTIVE_STORE, ActiveMedicationQueries::item));
  }

  private static JsonNode item(String patientId, ActiveMedicationList medications) {
    return answer(medications).put("patientId", patientId);
  }

  /** The requests; not where the list was last changed from (bookkeeping of the check). */
  private static ObjectNode answer(ActiveMedicationList medications) {
    ObjectNode node = ((ObjectNode) AvroJson.toJson(medications)).deepCopy();
    node.remove("changedBy");
    return node;
  }
}
