package dev.healthstreams.topology.consent;

import static dev.healthstreams.topology.consent.ConsentFixtures.T0;
import static dev.healthstreams.topology.consent.ConsentFixtures.actors;
import static dev.healthstreams.topology.consent.ConsentFixtures.fhir;
import static dev.healthstreams.topology.consent.ConsentFixtures.grant;
import static dev.healthstreams.topology.consent.ConsentFixtures.histories;
import static dev.healthstreams.topology.consent.ConsentFixtures.org;
import static dev.healthstreams.topology.consent.ConsentFixtures.provision;
import static dev.healthstreams.topology.consent.ConsentFixtures.purposes;
import static dev.healthstreams.topology.consent.ConsentFixtures.query;
import static dev.healthstreams.topology.consent.ConsentFixtures.role;
import static dev.healthstreams.topology.consent.ConsentFixtures.user;
import static dev.healthstreams.topology.consent.ProvisionType.DENY;
import static dev.healthstreams.topology.consent.ProvisionType.PERMIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsentDeciderTest {
  private static final long HOUR = 3_600_000L;
  private final ConsentDecider decider =
      new ConsentDecider(ImplicitPolicy.DENY_ALL, List.of("BTG"));

  private Decision decide(AccessQuery query, Consent... consents) {
    return decider.decide(histories(consents), query);
  }

  private static void assertDecision(
      Decision.Verdict verdict, DecisionReason reason, String deciding, Decision decision) {
    assertEquals(verdict, decision.verdict(), "verdict");
    assertEquals(reason, decision.reason(), "reason");
    assertEquals(deciding, decision.deciding(), "deciding consent");
  }

  private Decision decideOne(Provision child, AccessQuery query) {
    // OPTIN with a deny child: the child matching is visible as a deny.
    return decide(query, fhir("c1", T0, PERMIT, provision(null, child)));
  }

  private void assertChildMatches(boolean matches, Provision child, AccessQuery query) {
    assertEquals(
        matches ? Decision.Verdict.DENY : Decision.Verdict.PERMIT,
        decideOne(child, query).verdict());
  }

  @Test
  void actorOrganizationUserAndRole() {
    assertChildMatches(true, actors(DENY, org("o1")), query("o1", "TREAT", T0));
    assertChildMatches(false, actors(DENY, org("o1")), query("o2", "TREAT", T0));
    assertChildMatches(true, actors(DENY, user("u1")), query("o2", "u1", List.of(), "TREAT", T0));
    assertChildMatches(false, actors(DENY, user("u1")), query("o2", "u2", List.of(), "TREAT", T0));
    assertChildMatches(
        true, actors(DENY, role("NURSE")), query("o", "u", List.of("DOC", "NURSE"), "TREAT", T0));
    assertChildMatches(
        false, actors(DENY, role("NURSE")), query("o", "u", List.of("DOC"), "TREAT", T0));
    // Any of the actors.
    assertChildMatches(
        true, actors(DENY, org("o9"), user("u1")), query("o1", "u1", List.of(), "TREAT", T0));
    // A FHIR reference to something else (a RelatedPerson) matches no requester.
    assertChildMatches(
        false, actors(DENY, Actor.fromReference("RelatedPerson/o1")), query("o1", "TREAT", T0));
  }

  @Test
  void purpose() {
    assertChildMatches(true, purposes(DENY, "HPAYMT", "TREAT"), query("o", "TREAT", T0));
    assertChildMatches(false, purposes(DENY, "HPAYMT"), query("o", "TREAT", T0));
  }

  @Test
  void actionDefaultsToAccess() {
    Provision correctOnly =
        new Provision(DENY, null, null, List.of("correct"), null, null, null, null, null);
    Provision accessOnly =
        new Provision(DENY, null, null, List.of("access"), null, null, null, null, null);
    assertChildMatches(false, correctOnly, query("o", "TREAT", T0));
    assertChildMatches(true, accessOnly, query("o", "TREAT", T0));
    AccessQuery correct =
        new AccessQuery("p1", new Requester("o", null, null), "TREAT", null, "correct", T0, null);
    assertChildMatches(true, correctOnly, correct);
  }

  @Test
  void classesAndCodesMatchTheCategory() {
    Provision byClass =
        new Provision(DENY, null, null, null, null, List.of("lab"), null, null, null);
    Provision byCode =
        new Provision(DENY, null, null, null, null, null, List.of("34133-9"), null, null);
    assertChildMatches(true, byClass, categoryQuery("lab"));
    assertChildMatches(false, byClass, categoryQuery("imaging"));
    assertChildMatches(false, byClass, categoryQuery(null));
    assertChildMatches(true, byCode, categoryQuery("34133-9"));
    assertChildMatches(false, byCode, categoryQuery("lab"));
  }

  private AccessQuery categoryQuery(String category) {
    return new AccessQuery("p1", new Requester("o", null, null), "TREAT", category, null, T0, null);
  }

  @ParameterizedTest
  @CsvSource({"-1,false", "0,true", "1,true", "9,true", "10,false", "11,false"})
  void periodStartInclusiveEndExclusive(long offsetHours, boolean matches) {
    Provision child =
        new Provision(
            DENY, new Period(T0, T0 + 10 * HOUR), null, null, null, null, null, null, null);
    assertChildMatches(matches, child, query("o", "TREAT", T0 + offsetHours * HOUR));
  }

  @ParameterizedTest
  @CsvSource({"-1,false", "0,true", "9,true", "10,false"})
  void dataPeriodContainsTheDataDate(long offsetHours, boolean matches) {
    Provision child =
        new Provision(
            DENY, null, null, null, null, null, null, new Period(T0, T0 + 10 * HOUR), null);
    AccessQuery query =
        new AccessQuery(
            "p1",
            new Requester("o", null, null),
            "TREAT",
            null,
            null,
            T0 + 100 * HOUR,
            T0 + offsetHours * HOUR);
    assertChildMatches(matches, child, query);
  }

  @Test
  void dataPeriodIsNoConditionWithoutADataDate() {
    Provision child =
        new Provision(DENY, null, null, null, null, null, null, new Period(T0, T0 + HOUR), null);
    assertChildMatches(true, child, query("o", "TREAT", T0 + 5 * HOUR));
  }

  @Test
  void everySpecifiedFieldMustMatch() {
    Provision both =
        new Provision(
            DENY, null, List.of(org("o1")), null, List.of("HPAYMT"), null, null, null, null);
    assertChildMatches(false, both, query("o1", "TREAT", T0));
    assertChildMatches(false, both, query("o2", "HPAYMT", T0));
    assertChildMatches(true, both, query("o1", "HPAYMT", T0));
  }

  @Test
  void optInPermitsAndOptOutDeniesByDefault() {
    assertDecision(
        Decision.Verdict.PERMIT,
        DecisionReason.CONSENT_PERMIT,
        "in",
        decide(query("o", "TREAT", T0), fhir("in", T0, PERMIT, null)));
    assertDecision(
        Decision.Verdict.DENY,
        DecisionReason.CONSENT_DENY,
        "out",
        decide(query("o", "TREAT", T0), fhir("out", T0, DENY, null)));
  }

  @Test
  void rootTypeOverridesThePolicyRule() {
    assertDecision(
        Decision.Verdict.DENY,
        DecisionReason.CONSENT_DENY,
        "c",
        decide(query("o", "TREAT", T0), fhir("c", T0, PERMIT, provision(DENY))));
    assertDecision(
        Decision.Verdict.PERMIT,
        DecisionReason.CONSENT_PERMIT,
        "c",
        decide(query("o", "TREAT", T0), fhir("c", T0, DENY, provision(PERMIT))));
    // Root type alone (IHE PCF's place for it): no policy rule needed.
    assertDecision(
        Decision.Verdict.PERMIT,
        DecisionReason.CONSENT_PERMIT,
        "c",
        decide(query("o", "TREAT", T0), fhir("c", T0, null, provision(PERMIT))));
  }

  @Test
  void rootWithConditionsAppliesItsTypeOnlyToRequestsThatMeetThem() {
    Consent notOrg = fhir("c", T0, PERMIT, actors(DENY, org("o1")));
    assertEquals(Decision.Verdict.DENY, decide(query("o1", "TREAT", T0), notOrg).verdict());
    assertEquals(Decision.Verdict.PERMIT, decide(query("o2", "TREAT", T0), notOrg).verdict());
  }

  @Test
  void denyOverridesPermitAmongSiblings() {
    Consent consent =
        fhir("c", T0, null, provision(PERMIT, purposes(PERMIT, "TREAT"), actors(DENY, org("o1"))));
    assertEquals(Decision.Verdict.DENY, decide(query("o1", "TREAT", T0), consent).verdict());
    assertEquals(Decision.Verdict.PERMIT, decide(query("o2", "TREAT", T0), consent).verdict());
  }

  @Test
  void nestingThreeLevelsDeep() {
    // Deny all; permit organization o1; except its HPAYMT; except, within that, user u1.
    Provision level3 = actors(PERMIT, user("u1"));
    Provision level2 =
        new Provision(DENY, null, null, null, List.of("HPAYMT"), null, null, null, List.of(level3));
    Provision level1 =
        new Provision(
            PERMIT, null, List.of(org("o1")), null, null, null, null, null, List.of(level2));
    Consent consent = fhir("c", T0, DENY, provision(null, level1));
    assertEquals(Decision.Verdict.DENY, decide(query("o2", "TREAT", T0), consent).verdict());
    assertEquals(Decision.Verdict.PERMIT, decide(query("o1", "TREAT", T0), consent).verdict());
    assertEquals(Decision.Verdict.DENY, decide(query("o1", "HPAYMT", T0), consent).verdict());
    assertEquals(
        Decision.Verdict.PERMIT,
        decide(query("o1", "u1", List.of(), "HPAYMT", T0), consent).verdict());
  }

  @Test
  void aConsentWithoutBaseSpeaksOnlyWhenANestedProvisionMatches() {
    Consent consent = fhir("c", T0, null, provision(null, actors(PERMIT, org("o1"))));
    assertDecision(
        Decision.Verdict.PERMIT,
        DecisionReason.CONSENT_PERMIT,
        "c",
        decide(query("o1", "TREAT", T0), consent));
    assertDecision(
        Decision.Verdict.DENY,
        DecisionReason.NO_CONSENT_DEFAULT_DENY,
        null,
        decide(query("o2", "TREAT", T0), consent));
  }

  @Test
  void mostRecentSpeakingConsentDecides() {
    Consent earlierGrant =
        grant("g", T0, Period.ALWAYS, List.of(org("o1")), List.of("TREAT"), List.of("clinical"));
    Consent laterOptOut = fhir("out", T0 + HOUR, DENY, null);
    Decision decision = decide(query("o1", "TREAT", T0 + 2 * HOUR), earlierGrant, laterOptOut);
    assertDecision(Decision.Verdict.DENY, DecisionReason.CONSENT_DENY, "out", decision);
    assertEquals(List.of("g", "out"), decision.considered());
    Consent laterGrant =
        grant(
            "g2",
            T0 + 2 * HOUR,
            Period.ALWAYS,
            List.of(org("o1")),
            List.of("TREAT"),
            List.of("clinical"));
    assertDecision(
        Decision.Verdict.PERMIT,
        DecisionReason.CONSENT_PERMIT,
        "g2",
        decide(query("o1", "TREAT", T0 + 3 * HOUR), earlierGrant, laterOptOut, laterGrant));
  }

  @Test
  void grantsToDifferentPartiesAddUp() {
    Consent toO1 =
        grant("g1", T0, Period.ALWAYS, List.of(org("o1")), List.of("TREAT"), List.of("clinical"));
    Consent toO2 =
        grant(
            "g2",
            T0 + HOUR,
            Period.ALWAYS,
            List.of(org("o2")),
            List.of("TREAT"),
            List.of("clinical"));
    assertDecision(
        Decision.Verdict.PERMIT,
        DecisionReason.CONSENT_PERMIT,
        "g1",
        decide(query("o1", "TREAT", T0 + 2 * HOUR), toO1, toO2));
    assertDecision(
        Decision.Verdict.PERMIT,
        DecisionReason.CONSENT_PERMIT,
        "g2",
        decide(query("o2", "TREAT", T0 + 2 * HOUR), toO1, toO2));
    assertDecision(
        Decision.Verdict.DENY,
        DecisionReason.NO_CONSENT_DEFAULT_DENY,
        null,
        decide(query("o3", "TREAT", T0 + 2 * HOUR), toO1, toO2));
  }

  /**
   * A grant permits grantedTo × purpose × dataCategories: one list empty, it permits no one and
   * does not speak, where the same grant with the list filled in permits the request.
   */
  @ParameterizedTest
  @CsvSource({"grantedTo", "purpose", "dataCategories"})
  void aGrantWithAnEmptyListPermitsNoOne(String emptied) {
    AccessQuery asked = query("o1", "TREAT", T0 + HOUR);
    Consent full =
        grant("g", T0, Period.ALWAYS, List.of(org("o1")), List.of("TREAT"), List.of("clinical"));
    assertDecision(
        Decision.Verdict.PERMIT, DecisionReason.CONSENT_PERMIT, "g", decide(asked, full));

    Consent empty =
        grant(
            "g",
            T0,
            Period.ALWAYS,
            emptied.equals("grantedTo") ? List.of() : List.of(org("o1")),
            emptied.equals("purpose") ? List.of() : List.of("TREAT"),
            emptied.equals("dataCategories") ? List.of() : List.of("clinical"));
    Decision denied = decide(asked, empty);
    assertDecision(Decision.Verdict.DENY, DecisionReason.NO_CONSENT_DEFAULT_DENY, null, denied);
    assertEquals(List.of("g"), denied.considered(), "still a candidate, only silent");

    // Under an implicit policy that permits, it is not the deciding consent either.
    ConsentDecider permitAll = new ConsentDecider(ImplicitPolicy.PERMIT_ALL, List.of("BTG"));
    assertDecision(
        Decision.Verdict.PERMIT,
        DecisionReason.NO_CONSENT_DEFAULT_PERMIT,
        null,
        permitAll.decide(histories(empty), asked));
    // Nor does it override an earlier opt-out, as a grant that speaks would.
    Consent earlierOptOut = fhir("out", T0 - HOUR, DENY, null);
    assertDecision(
        Decision.Verdict.DENY,
        DecisionReason.CONSENT_DENY,
        "out",
        permitAll.decide(histories(earlierOptOut, empty), asked));
    Consent laterFull =
        grant("g2", T0, Period.ALWAYS, List.of(org("o1")), List.of("TREAT"), List.of("clinical"));
    assertDecision(
        Decision.Verdict.PERMIT,
        DecisionReason.CONSENT_PERMIT,
        "g2",
        permitAll.decide(histories(earlierOptOut, laterFull), asked));
  }

  @Test
  void aFhirProvisionWithEmptyListsStillMeansAnyone() {
    Consent consent = fhir("f", T0, null, provision(null, provision(PERMIT)));
    assertDecision(
        Decision.Verdict.PERMIT,
        DecisionReason.CONSENT_PERMIT,
        "f",
        decide(query("anyone", "HPAYMT", T0), consent));
  }

  @Test
  void onATieADenyWins() {
    Consent permit = fhir("a", T0, PERMIT, null);
    Consent deny = fhir("b", T0, DENY, null);
    assertDecision(
        Decision.Verdict.DENY,
        DecisionReason.CONSENT_DENY,
        "b",
        decide(query("o", "TREAT", T0), permit, deny));
    assertDecision(
        Decision.Verdict.DENY,
        DecisionReason.CONSENT_DENY,
        "b",
        decide(query("o", "TREAT", T0), deny, permit));
  }

  @Test
  void candidatesAreActiveInPeriodAsTheHistoryStoodThen() {
    Consent consent = fhir("c", T0, new Period(T0, T0 + 10 * HOUR), PERMIT, null);
    ConsentHistory history =
        new ConsentHistory(
            "c",
            SourceFormat.FHIR,
            List.of(
                new ConsentVersion(T0 + HOUR, ConsentState.ACTIVE, consent),
                new ConsentVersion(
                    T0 + 5 * HOUR, ConsentState.REVOKED, consent.withState(ConsentState.REVOKED))));
    List<ConsentHistory> table = List.of(history);
    assertEquals(
        DecisionReason.NO_CONSENT_DEFAULT_DENY,
        decider.decide(table, query("o", "TREAT", T0)).reason());
    Decision during = decider.decide(table, query("o", "TREAT", T0 + HOUR));
    assertEquals(DecisionReason.CONSENT_PERMIT, during.reason());
    assertEquals(List.of("c"), during.considered());
    Decision after = decider.decide(table, query("o", "TREAT", T0 + 5 * HOUR));
    assertEquals(DecisionReason.NO_CONSENT_DEFAULT_DENY, after.reason());
    assertEquals(List.of(), after.considered());
  }

  @ParameterizedTest
  @CsvSource({"-1,false", "0,true", "9,true", "10,false"})
  void consentPeriodStartInclusiveEndExclusive(long offsetHours, boolean candidate) {
    Consent consent = fhir("c", T0, new Period(T0, T0 + 10 * HOUR), PERMIT, null);
    Decision decision = decide(query("o", "TREAT", T0 + offsetHours * HOUR), consent);
    assertEquals(candidate ? List.of("c") : List.of(), decision.considered());
    assertEquals(candidate, decision.permitted());
  }

  @ParameterizedTest
  @CsvSource({
    "DENY_ALL,TREAT,DENY",
    "DENY_ALL,HPAYMT,DENY",
    "PERMIT_TREATMENT,TREAT,PERMIT",
    "PERMIT_TREATMENT,ETREAT,PERMIT",
    "PERMIT_TREATMENT,HPAYMT,DENY",
    "PERMIT_ALL,HPAYMT,PERMIT",
    "DENY_EXCEPT_BREAK_GLASS,TREAT,DENY",
    "DENY_EXCEPT_BREAK_GLASS,BTG,PERMIT",
  })
  void noConsentSpeaks(ImplicitPolicy policy, String purpose, Decision.Verdict verdict) {
    ConsentDecider decider = new ConsentDecider(policy, List.of("BTG"));
    Decision decision = decider.decide(List.of(), query("o", purpose, T0));
    assertEquals(verdict, decision.verdict());
    DecisionReason expected =
        purpose.equals("BTG")
            ? DecisionReason.BREAK_GLASS
            : verdict == Decision.Verdict.PERMIT
                ? DecisionReason.NO_CONSENT_DEFAULT_PERMIT
                : DecisionReason.NO_CONSENT_DEFAULT_DENY;
    assertEquals(expected, decision.reason());
    assertNull(decision.deciding());
  }

  @Test
  void breakGlassPermitsOverADeny() {
    Consent optOut = fhir("out", T0, DENY, null);
    Decision decision = decide(query("o", "BTG", T0), optOut);
    assertDecision(Decision.Verdict.PERMIT, DecisionReason.BREAK_GLASS, null, decision);
    assertEquals(List.of("out"), decision.considered());
  }

  @Test
  void breakGlassPurposesAreConfigured() {
    ConsentDecider custom = new ConsentDecider(ImplicitPolicy.DENY_ALL, List.of("ETREAT"));
    assertEquals(
        DecisionReason.BREAK_GLASS, custom.decide(List.of(), query("o", "ETREAT", T0)).reason());
    assertEquals(
        DecisionReason.NO_CONSENT_DEFAULT_DENY,
        custom.decide(List.of(), query("o", "BTG", T0)).reason());
  }
}
