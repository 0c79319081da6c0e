package dev.healthstreams.topology.interaction;

import java.util.Objects;

/**
 * One of a patient's active MedicationRequests, as interaction checking remembers it.
 *
 * @param drugCode {@link dev.healthstreams.fhir.DrugCode#matchKey()}: the RxNorm code, or
 *     "system|code" for a drug coded in another system
 * @param drugDisplay for the alert text; null when the coding has none
 */
public record ActiveRequest(String requestId, String drugCode, String drugDisplay) {

  public ActiveRequest {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(drugCode, "drugCode");
  }
}
