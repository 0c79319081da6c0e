package dev.healthstreams.topology.consent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.avro.ConsentGrantee;
import dev.healthstreams.avro.PatientConsentEvent;
import dev.healthstreams.avro.PatientConsentEventMetadata;
import dev.healthstreams.avro.PatientConsentPayload;
import dev.healthstreams.serde.AvroFromJson;
import dev.healthstreams.serde.AvroJson;
import dev.healthstreams.topology.support.EventMetadataFactory;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code expired} event the expiry punctuator sends for a consent whose period ended, and its
 * stored form: the due index keeps it until a commit confirms the send (at-least-once), so that it
 * can be sent again as it was first sent whatever the table became since.
 */
final class ExpiredEvents {
  static final String EVENT_VERSION = "1.0.0";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ExpiredEvents() {}

  /** The event for {@code consent}, active until {@code end}; its id depends on both only. */
  static PatientConsentEvent of(String topology, Consent consent, long end) {
    String eventId =
        EventMetadataFactory.eventId("consent-expired", consent.id(), String.valueOf(end));
    List<ConsentGrantee> grantees = new ArrayList<>();
    List<String> purposes = List.of();
    List<String> categories = List.of();
    if (consent.source() == SourceFormat.EVENT && consent.root() != null) {
      for (Provision grant : consent.root().provisions()) {
        grant.actors().forEach(a -> grantees.add(new ConsentGrantee(grantee(a.kind()), a.id())));
        purposes = grant.purposes();
        categories = grant.classes();
      }
    }
    return PatientConsentEvent.newBuilder()
        .setMetadata(
            PatientConsentEventMetadata.newBuilder()
                .setEventId(eventId)
                .setEventType("PatientConsentExpired")
                .setEventSource("healthstreams/" + topology)
                .setCausationId("Consent/" + consent.id())
                .setCorrelationId(null)
                .setTimestamp(end)
                .setVersion(EVENT_VERSION)
                .build())
        .setPayload(
            PatientConsentPayload.newBuilder()
                .setConsentId(consent.id())
                .setPatientId(consent.patientId())
                .setAction("expired")
                .setConsentType(consent.source() == SourceFormat.FHIR ? "fhir-consent" : null)
                .setGrantedTo(grantees)
                .setPurpose(purposes)
                .setDataCategories(categories)
                .setEffectiveFrom(consent.period().start())
                .setEffectiveUntil(consent.period().end())
                .build())
        .build();
  }

  /** The event as the due index keeps it: never empty, which marks an entry not yet expired. */
  static String stored(PatientConsentEvent event) {
    return AvroJson.toJson(event).toString();
  }

  static PatientConsentEvent fromStored(String stored) {
    try {
      return AvroFromJson.read(JSON.readTree(stored), PatientConsentEvent.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String grantee(Actor.Kind kind) {
    return switch (kind) {
      case ORGANIZATION -> "organization";
      case USER -> "user";
      case ROLE -> "role";
      case OTHER -> "other";
    };
  }
}
