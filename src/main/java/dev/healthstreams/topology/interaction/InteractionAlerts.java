package dev.healthstreams.topology.interaction;

import dev.healthstreams.avro.MedicationInteractionAlert;
import dev.healthstreams.avro.PrescribedDrug;
import dev.healthstreams.topology.support.EventMetadataFactory;
import dev.healthstreams.topology.support.PatientEnrichment;

/** Builds the alert for an interacting pair, and enriches it with the patient. */
final class InteractionAlerts {
  static final String EVENT_TYPE = "MedicationInteractionAlert";

  static final PatientEnrichment<MedicationInteractionAlert> PATIENT =
      PatientEnrichment.of(
          (alert, name, mrn, birthDate) ->
              MedicationInteractionAlert.newBuilder(alert)
                  .setPatientName(name)
                  .setPatientMrn(mrn)
                  .setPatientBirthDate(birthDate)
                  .build());

  private InteractionAlerts() {}

  static EventMetadataFactory metadata(String topology) {
    return new EventMetadataFactory(topology, EVENT_TYPE);
  }

  /**
   * @param correlationId from the request that completed the pair, or null: that request then
   *     stands in for it
   */
  static MedicationInteractionAlert of(
      EventMetadataFactory metadata,
      String patientId,
      Interaction interaction,
      CheckPair pair,
      String correlationId,
      long timestamp) {
    ActiveRequest changed = pair.changed();
    ActiveRequest other = pair.other();
    boolean changedFirst = changed.requestId().compareTo(other.requestId()) < 0;
    ActiveRequest a = changedFirst ? changed : other;
    ActiveRequest b = changedFirst ? other : changed;
    String alertId = InteractionAlertIds.of(a.requestId(), b.requestId(), interaction.id());
    String cause = "MedicationRequest/" + changed.requestId();
    return MedicationInteractionAlert.newBuilder()
        .setMetadata(
            metadata.create(EventMetadataFactory.eventId(alertId), correlationId, cause, timestamp))
        .setAlertId(alertId)
        .setPatientId(patientId)
        .setInteractionId(interaction.id())
        .setRequestA(prescribed(a))
        .setRequestB(prescribed(b))
        .setSeverity(
            dev.healthstreams.avro.InteractionSeverity.valueOf(interaction.severity().name()))
        .setDescription(interaction.description())
        .setManagement(interaction.management())
        .setSource(interaction.source())
        .build();
  }

  private static PrescribedDrug prescribed(ActiveRequest request) {
    return PrescribedDrug.newBuilder()
        .setRequestId(request.requestId())
        .setDrugCode(request.drugCode())
        .setDrugDisplay(request.drugDisplay())
        .build();
  }
}
