package dev.healthstreams.topology.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.avro.ConsentGrantee;
import dev.healthstreams.avro.PatientConsentEvent;
import dev.healthstreams.avro.PatientConsentPayload;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A grant event as a consent: its lists as given, and whether it permits anyone. */
class ConsentEventMapperTest {
  private static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  private static final long HOUR = 3_600_000L;

  private static PatientConsentEvent grant(
      List<ConsentGrantee> to, List<String> purposes, List<String> categories) {
    return ConsentEvents.event("c1", "p1", "granted", to, purposes, categories, T0, T0 + HOUR, T0);
  }

  private static Consent mapped(PatientConsentEvent event) {
    return ConsentEventMapper.map(event, T0).consent();
  }

  @Test
  void aFullGrantPermitsSomeone() {
    Consent consent =
        mapped(
            grant(
                List.of(new ConsentGrantee("organization", "o1")),
                List.of("TREAT"),
                List.of("clinical")));
    assertFalse(consent.permitsNothing());
  }

  @Test
  void aGrantWithAnEmptyListPermitsNothingAndKeepsItsListsAsGiven() {
    Consent consent = mapped(grant(List.of(), List.of("TREAT"), List.of("clinical")));
    assertTrue(consent.permitsNothing());
    Provision grant = consent.root().provisions().get(0);
    assertEquals(List.of(), grant.actors());
    assertEquals(List.of("TREAT"), grant.purposes());
    assertEquals(List.of("clinical"), grant.classes());
    assertTrue(
        mapped(grant(List.of(new ConsentGrantee("role", "PRCP")), List.of(), List.of("clinical")))
            .permitsNothing());
    assertTrue(
        mapped(grant(List.of(new ConsentGrantee("user", "u1")), List.of("TREAT"), List.of()))
            .permitsNothing());
  }

  /** Avro's setters take null where the schema does not (a producer's own record, say). */
  @Test
  void aGrantWithMissingListsIsMappedAndPermitsNothing() {
    PatientConsentEvent event =
        grant(List.of(new ConsentGrantee("organization", "o1")), List.of("TREAT"), List.of());
    PatientConsentPayload payload = event.getPayload();
    payload.setGrantedTo(null);
    payload.setPurpose(null);
    payload.setDataCategories(null);
    Consent consent = mapped(event);
    assertTrue(consent.permitsNothing());
    Provision grant = consent.root().provisions().get(0);
    assertEquals(List.of(), grant.actors());
    assertEquals(List.of(), grant.purposes());
    assertEquals(List.of(), grant.classes());
  }

  @Test
  void theExpiredEventOfAGrantThatPermitsNothingCarriesItsListsAsGiven() {
    Consent consent = mapped(grant(List.of(), List.of("TREAT", "ETREAT"), List.of("clinical")));
    PatientConsentPayload expired =
        ExpiredEvents.of("consent-table", consent, T0 + HOUR).getPayload();
    assertEquals("expired", expired.getAction());
    assertEquals(List.of(), expired.getGrantedTo());
    assertEquals(List.of("TREAT", "ETREAT"), expired.getPurpose());
    assertEquals(List.of("clinical"), expired.getDataCategories());
  }

  @Test
  void aFhirConsentNeverPermitsNothing() {
    Consent fhir =
        ConsentFixtures.fhir(
            "f", T0, null, ConsentFixtures.provision(null, ConsentFixtures.provision(null)));
    assertFalse(fhir.permitsNothing());
  }
}
