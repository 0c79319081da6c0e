package dev.healthstreams.topology.interaction;

import dev.healthstreams.avro.EventMetadata;
import dev.healthstreams.avro.MedicationInteractionAlert;
import dev.healthstreams.avro.PatientSummary;
import dev.healthstreams.avro.PrescribedDrug;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Builds the alert for an interacting pair, and enriches it with the patient. */
final class InteractionAlerts {
  static final String EVENT_TYPE = "MedicationInteractionAlert";

  private InteractionAlerts() {}

  static MedicationInteractionAlert of(
      String topology,
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
            EventMetadata.newBuilder()
                .setEventId(
                    UUID.nameUUIDFromBytes(alertId.getBytes(StandardCharsets.UTF_8)).toString())
                .setEventType(EVENT_TYPE)
                .setEventSource("healthstreams/" + topology)
                .setCorrelationId(correlationId != null ? correlationId : cause)
                .setCausationId(cause)
                .setTimestamp(Instant.ofEpochMilli(timestamp))
                .setVersion(1)
                .build())
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

  static MedicationInteractionAlert enrich(
      MedicationInteractionAlert alert, PatientSummary patient) {
    if (patient == null) {
      return alert;
    }
    return MedicationInteractionAlert.newBuilder(alert)
        .setPatientName(patient.getName())
        .setPatientMrn(patient.getMrn())
        .setPatientBirthDate(patient.getBirthDate())
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
