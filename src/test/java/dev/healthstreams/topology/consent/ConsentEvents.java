package dev.healthstreams.topology.consent;

import dev.healthstreams.avro.ConsentGrantee;
import dev.healthstreams.avro.PatientConsentEvent;
import dev.healthstreams.avro.PatientConsentEventMetadata;
import dev.healthstreams.avro.PatientConsentPayload;
import java.util.List;

/** Platform consent events and access requests as the tests write them. */
final class ConsentEvents {
  private ConsentEvents() {}

  static PatientConsentEvent event(
      String consentId,
      String patient,
      String action,
      List<ConsentGrantee> to,
      List<String> purposes,
      List<String> categories,
      Long from,
      Long until,
      Long attestedAt) {
    return PatientConsentEvent.newBuilder()
        .setMetadata(
            PatientConsentEventMetadata.newBuilder()
                .setEventId("e-" + consentId + "-" + action)
                .setEventType("PatientConsent")
                .setTimestamp(from == null ? 0L : from)
                .setVersion("1.0.0")
                .build())
        .setPayload(
            PatientConsentPayload.newBuilder()
                .setConsentId(consentId)
                .setPatientId(patient)
                .setAction(action)
                .setGrantedTo(to)
                .setPurpose(purposes)
                .setDataCategories(categories)
                .setEffectiveFrom(from)
                .setEffectiveUntil(until)
                .setAttestedAt(attestedAt)
                .build())
        .build();
  }

  /**
   * A grant of the category {@link #request} asks for (a grant with an empty list permits none).
   */
  static PatientConsentEvent grant(
      String consentId, String patient, String org, String purpose, long from, Long until) {
    return event(
        consentId,
        patient,
        "granted",
        List.of(new ConsentGrantee("organization", org)),
        List.of(purpose),
        List.of("clinical"),
        from,
        until,
        from);
  }

  static PatientConsentEvent revoke(String consentId, String patient) {
    return event(consentId, patient, "revoked", List.of(), List.of(), List.of(), null, null, null);
  }

  static String request(String id, String patient, String org, String purpose, long at) {
    return """
        {"requestId": "%s", "patientId": "%s", "requester": {"organization": "%s", "user": "u-%s", "roles": ["PRCP"]},
         "purpose": "%s", "category": "clinical", "requestedAt": %d}"""
        .formatted(id, patient, org, org, purpose, at);
  }
}
