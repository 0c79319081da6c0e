package dev.healthstreams.topology.consent;

import dev.healthstreams.avro.ConsentGrantee;
import dev.healthstreams.avro.PatientConsentEvent;
import dev.healthstreams.avro.PatientConsentPayload;
import dev.healthstreams.errors.BadRecordException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A platform consent event as a change to the consent model. A grant means: deny by default and
 * permit {@code grantedTo} × {@code purpose} × {@code dataCategories} within the effective period,
 * so it becomes a consent with no base and one permit provision, which speaks only when it matches.
 * The lists are kept as given: one empty (or missing) makes a grant that permits no one ({@link
 * Consent#permitsNothing()}), kept in the table like any other (view, revoke, expiry) but never
 * speaking to a request. Bad records: a missing consentId, an unknown action or grantee type.
 */
public final class ConsentEventMapper {

  private ConsentEventMapper() {}

  public static ConsentChange map(PatientConsentEvent event, long recordTime) {
    PatientConsentPayload payload = event.getPayload();
    String consentId = payload.getConsentId();
    if (consentId == null || consentId.isBlank()) {
      throw new BadRecordException("no-consent-id", "consent event has no consentId");
    }
    String patient = payload.getPatientId();
    if (patient == null || patient.isBlank()) {
      throw new BadRecordException("no-patient", "consent event " + consentId + " has no patient");
    }
    String action = payload.getAction() == null ? "" : payload.getAction();
    return switch (action) {
      case "granted" ->
          new ConsentChange(
              patient,
              consentId,
              SourceFormat.EVENT,
              ConsentChange.Kind.UPSERT,
              consent(payload, consentId, patient),
              recordTime);
      case "revoked" ->
          new ConsentChange(
              patient, consentId, SourceFormat.EVENT, ConsentChange.Kind.REVOKE, null, recordTime);
      case "expired" ->
          new ConsentChange(
              patient, consentId, SourceFormat.EVENT, ConsentChange.Kind.EXPIRE, null, recordTime);
      default ->
          throw new BadRecordException(
              "unknown-action", "consent event " + consentId + " has an unknown action");
    };
  }

  static Consent consent(PatientConsentPayload payload, String consentId, String patient) {
    Period effective = new Period(payload.getEffectiveFrom(), payload.getEffectiveUntil());
    Provision grant =
        new Provision(
            ProvisionType.PERMIT,
            null,
            grantees(payload.getGrantedTo(), consentId),
            List.of(),
            payload.getPurpose(),
            payload.getDataCategories(),
            List.of(),
            null,
            List.of());
    Provision root =
        new Provision(
            null,
            null,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            null,
            List.of(grant));
    long dateTime =
        payload.getAttestedAt() != null
            ? payload.getAttestedAt()
            : payload.getEffectiveFrom() != null ? payload.getEffectiveFrom() : 0L;
    return new Consent(
        consentId,
        patient,
        SourceFormat.EVENT,
        ConsentState.ACTIVE,
        dateTime,
        effective.isOpen() ? Period.ALWAYS : effective,
        null,
        root);
  }

  private static List<Actor> grantees(List<ConsentGrantee> grantees, String consentId) {
    List<Actor> actors = new ArrayList<>();
    if (grantees == null) {
      return actors;
    }
    for (ConsentGrantee grantee : grantees) {
      String type = grantee.getType() == null ? "" : grantee.getType().toLowerCase(Locale.ROOT);
      Actor.Kind kind =
          switch (type) {
            case "organization" -> Actor.Kind.ORGANIZATION;
            case "user" -> Actor.Kind.USER;
            case "role" -> Actor.Kind.ROLE;
            default ->
                throw new BadRecordException(
                    "unknown-grantee-type",
                    "consent event " + consentId + " grants to an unknown grantee type");
          };
      actors.add(new Actor(kind, grantee.getId()));
    }
    return actors;
  }
}
