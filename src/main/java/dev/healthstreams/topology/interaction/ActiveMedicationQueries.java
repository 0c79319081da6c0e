package dev.healthstreams.topology.interaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.avro.ActiveMedicationList;
import dev.healthstreams.serde.AvroJson;
import dev.healthstreams.topology.query.KeyLookup;
import dev.healthstreams.topology.query.ListQuery;
import dev.healthstreams.topology.query.QueryAnswer;
import dev.healthstreams.topology.query.QueryEndpoint;
import java.util.List;
import java.util.Optional;

/**
 * What a pharmacist asks first: a patient's active medications, from the store the interaction
 * check keeps. A patient with no active request is a 404.
 */
final class ActiveMedicationQueries {
  static final String BY_PATIENT =
      "/" + MedicationInteractionTopology.NAME + "/patients/{id}/active-medications";
  static final String ALL_PATIENTS =
      "/" + MedicationInteractionTopology.NAME + "/active-medications";

  private ActiveMedicationQueries() {}

  static List<QueryEndpoint> endpoints() {
    return List.of(
        KeyLookup.<ActiveMedicationList>answering(
            BY_PATIENT,
            InteractionCheckProcessor.ACTIVE_STORE,
            "id",
            (request, medications) ->
                hasActive(medications)
                    ? Optional.of(QueryAnswer.of(answer(medications)))
                    : Optional.empty()),
        ListQuery.<ActiveMedicationList>scanning(
            ALL_PATIENTS,
            InteractionCheckProcessor.ACTIVE_STORE,
            ActiveMedicationQueries::hasActive,
            ActiveMedicationQueries::item));
  }

  /**
   * Under at-least-once a list emptied by records not yet committed stays stored for their undo log
   * (UndoLog); it answers as a patient with none.
   */
  static boolean hasActive(ActiveMedicationList medications) {
    return medications != null && !medications.getRequests().isEmpty();
  }

  private static JsonNode item(String patientId, ActiveMedicationList medications) {
    return answer(medications).put("patientId", patientId);
  }

  /** The requests; not the undo log (bookkeeping of the check). */
  static ObjectNode answer(ActiveMedicationList medications) {
    ObjectNode node = ((ObjectNode) AvroJson.toJson(medications)).deepCopy();
    node.remove("undo");
    return node;
  }
}
