package dev.healthstreams.topology.consent;

import static dev.healthstreams.topology.consent.ConsentFixtures.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.healthstreams.errors.BadRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The R4 Consent examples of the FHIR specification, read and decided. Expected decisions are
 * written by hand from the examples' content (implicit policy deny-all). Where an example's intent
 * and its content differ, the content wins: consent-example-notThem has no root {@code type}, so
 * its OPTIN policy permits even the practitioner its narrative withholds from.
 */
class FhirConsentMapperTest {
  private static final ConsentDecider DECIDER =
      new ConsentDecider(ImplicitPolicy.DENY_ALL, List.of("BTG"));

  private static Decision decide(
      String example, String org, String user, String purpose, String at) {
    Consent consent = FhirConsentMapper.map(resource(example), 0L);
    AccessQuery query =
        new AccessQuery(
            consent.patientId(),
            new Requester(org, user, List.of()),
            purpose,
            null,
            null,
            Instant.parse(at).toEpochMilli(),
            null);
    return DECIDER.decide(List.of(ConsentFixtures.history(consent, 0L)), query);
  }

  @ParameterizedTest(name = "{0} {1}/{2} {3} at {4}: {5} {6}")
  @CsvSource({
    // OPTOUT, root actor the custodian, no type: the policy denies everyone.
    "consent-example-Out,f001,,TREAT,2016-01-01T00:00:00Z,DENY,CONSENT_DENY",
    "consent-example-Out,other,,TREAT,2016-01-01T00:00:00Z,DENY,CONSENT_DENY",
    // OPTIN, root actor the custodian: permit.
    "consent-example-notAuthor,f001,,TREAT,2016-01-01T00:00:00Z,PERMIT,CONSENT_PERMIT",
    "consent-example-notAuthor,other,,TREAT,2016-01-01T00:00:00Z,PERMIT,CONSENT_PERMIT",
    // OPTIN, root deny for Organization/f001 (access, correct): f001 denied, others permitted.
    "consent-example-notOrg,f001,,TREAT,2016-01-01T00:00:00Z,DENY,CONSENT_DENY",
    "consent-example-notOrg,other,,TREAT,2016-01-01T00:00:00Z,PERMIT,CONSENT_PERMIT",
    // OPTIN, root names Practitioner/f204 without a type: the policy permits.
    "consent-example-notThem,other,f204,TREAT,2016-01-01T00:00:00Z,PERMIT,CONSENT_PERMIT",
    // OPTOUT, ETREAT at f001 with a nested deny for f001: deny for all.
    "consent-example-Emergency,f001,,ETREAT,2016-01-01T00:00:00Z,DENY,CONSENT_DENY",
    "consent-example-Emergency,other,,TREAT,2016-01-01T00:00:00Z,DENY,CONSENT_DENY",
    // OPTOUT, grantee a Patient reference (no requester): deny.
    "consent-example-grantor,f001,,TREAT,2016-01-01T00:00:00Z,DENY,CONSENT_DENY",
    // OPTIN only within January 2015: permitted then, no consent afterwards.
    "consent-example-notTime,other,,TREAT,2015-01-15T12:00:00Z,PERMIT,CONSENT_PERMIT",
    "consent-example-notTime,other,,TREAT,2015-03-01T00:00:00Z,DENY,NO_CONSENT_DEFAULT_DENY",
    // OPTIN 2015-10-10..2016-10-10 for Practitioner/13 (nested permit for the CDA author).
    "consent-example-signature,o,13,TREAT,2016-01-01T00:00:00Z,PERMIT,CONSENT_PERMIT",
    "consent-example-signature,o,99,TREAT,2016-01-01T00:00:00Z,PERMIT,CONSENT_PERMIT",
    "consent-example-signature,o,13,TREAT,2017-01-01T00:00:00Z,DENY,NO_CONSENT_DEFAULT_DENY",
  })
  void specificationExamplesDecideAsWrittenByHand(
      String example,
      String org,
      String user,
      String purpose,
      String at,
      String verdict,
      String reason) {
    Decision decision = decide(example, org, user, purpose, at);
    assertEquals(Decision.Verdict.valueOf(verdict), decision.verdict());
    assertEquals(DecisionReason.valueOf(reason), decision.reason());
  }

  @Test
  void readsTheFieldsOfAProvision() {
    Consent notOrg = FhirConsentMapper.map(resource("consent-example-notOrg"), 0L);
    assertEquals("consent-example-notOrg", notOrg.id());
    assertEquals("f001", notOrg.patientId());
    assertEquals(SourceFormat.FHIR, notOrg.source());
    assertEquals(ConsentState.ACTIVE, notOrg.state());
    assertEquals(ProvisionType.PERMIT, notOrg.policy());
    assertEquals(ProvisionType.DENY, notOrg.root().type());
    assertEquals(List.of(new Actor(Actor.Kind.ORGANIZATION, "f001")), notOrg.root().actors());
    assertEquals(List.of("access", "correct"), notOrg.root().actions());

    Consent signature = FhirConsentMapper.map(resource("consent-example-signature"), 0L);
    assertEquals("72", signature.patientId());
    assertEquals(Instant.parse("2016-05-26T04:41:10Z").toEpochMilli(), signature.dateTime());
    Provision nested = signature.root().provisions().get(0);
    assertEquals(ProvisionType.PERMIT, nested.type());
    assertEquals(List.of(new Actor(Actor.Kind.USER, "xcda-author")), nested.actors());
    assertEquals(List.of("application/hl7-cda+xml"), nested.classes());
    assertEquals(List.of("34133-9", "18842-5"), nested.codes());

    Consent emergency = FhirConsentMapper.map(resource("consent-example-Emergency"), 0L);
    assertEquals(ProvisionType.DENY, emergency.policy());
    assertEquals(List.of("ETREAT"), emergency.root().purposes());
    assertNull(emergency.root().type());
  }

  @Test
  void readsAnEnvelopedConsent() {
    String bare = new String(resource("consent-example-notOrg"), StandardCharsets.UTF_8);
    String enveloped = "{\"metadata\": {\"eventId\": \"e1\"}, \"payload\": " + bare + "}";
    Consent consent = FhirConsentMapper.map(enveloped.getBytes(StandardCharsets.UTF_8), 0L);
    assertEquals("consent-example-notOrg", consent.id());
    assertEquals("f001", consent.patientId());
  }

  @ParameterizedTest
  @CsvSource({"inactive", "rejected", "entered-in-error", "draft", "proposed"})
  void statusesOtherThanActiveTakeItOutOfDecisions(String status) {
    Consent consent = FhirConsentMapper.map(consent("\"status\": \"" + status + "\"", ""), 0L);
    assertEquals(ConsentState.INACTIVE, consent.state());
  }

  @Test
  void aMissingDateTimeTakesTheRecordTime() {
    assertEquals(42L, FhirConsentMapper.map(consent("\"status\": \"active\"", ""), 42L).dateTime());
  }

  @Test
  void badConsentsAreBadRecords() {
    // HAPI refuses a status outside the code system as invalid FHIR.
    assertReason("not-fhir", consent("\"status\": \"maybe\"", ""));
    assertReason("unknown-status", consent("\"policyRule\": {}", ""));
    assertReason(
        "no-patient",
        "{\"resourceType\": \"Consent\", \"id\": \"c\", \"status\": \"active\"}"
            .getBytes(StandardCharsets.UTF_8));
    assertReason(
        "not-fhir",
        consent(
            "\"status\": \"active\"",
            ", \"provision\": {\"period\": {\"start\": \"2020-13-45\"}}"));
    assertReason("not-json", "{not json".getBytes(StandardCharsets.UTF_8));
  }

  private static void assertReason(String reason, byte[] json) {
    BadRecordException e =
        assertThrows(BadRecordException.class, () -> FhirConsentMapper.map(json, 0L));
    assertEquals(reason, e.reason());
  }

  private static byte[] consent(String status, String more) {
    return ("{\"resourceType\": \"Consent\", \"id\": \"c\", "
            + status
            + ", \"patient\": {\"reference\": \"Patient/p1\"}"
            + more
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
