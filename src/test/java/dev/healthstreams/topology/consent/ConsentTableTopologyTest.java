package dev.healthstreams.topology.consent;

import static dev.healthstreams.topology.consent.ConsentEvents.grant;
import static dev.healthstreams.topology.consent.ConsentEvents.request;
import static dev.healthstreams.topology.consent.ConsentEvents.revoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.avro.AccessDecision;
import dev.healthstreams.avro.AccessDecisionOutcome;
import dev.healthstreams.avro.ConsentGrantee;
import dev.healthstreams.avro.PatientConsentEvent;
import dev.healthstreams.testkit.TopologyKit;
import dev.healthstreams.testkit.TopologyKitExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * consent-table through the test kit: grants, revokes and expiries through each input, gates,
 * audit.
 */
class ConsentTableTopologyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Instant START = TopologyKitExtension.DEFAULT_START;
  static final long T0 = START.toEpochMilli();
  static final long HOUR = 3_600_000L;

  static final String CONFIG =
      """
      consent-table:
        topics:
          consent-events: patient.consent
          fhir-consents: fhir.consent
          access-requests: data.access.requests
          views: consent.views
          expired: patient.consent.expired
          decisions: data.access.decisions
          audit: security.audit.consent-decisions
          dead-letter: consent.dlq
        gates:
          - name: alerts-out
            input: clinical.alerts
            permitted: partner.alerts
            denied: partner.alerts.withheld
            recipient: {organization: partner, roles: [PRCP]}
            purpose: TREAT
            category: clinical
      """;

  @RegisterExtension
  static final TopologyKitExtension kit =
      TopologyKitExtension.of(ConsentTableTopology.NAME, TopologyKit.yaml(CONFIG));

  private TestInputTopic<String, PatientConsentEvent> events() {
    return kit.input(ConsentTableTopology.CONSENT_EVENTS);
  }

  private void request(String id, String patient, String org, String purpose, long at) {
    kit.textInput(ConsentTableTopology.ACCESS_REQUESTS)
        .pipeInput(
            patient,
            ConsentEvents.request(id, patient, org, purpose, at),
            Instant.ofEpochMilli(at));
  }

  private List<AccessDecision> decisions() {
    return kit.output(ConsentTableTopology.DECISIONS).readValuesToList();
  }

  private List<JsonNode> audits() {
    List<JsonNode> audits = new ArrayList<>();
    for (byte[] bytes : kit.output(ConsentTableTopology.AUDIT).readValuesToList()) {
      try {
        audits.add(JSON.readTree(bytes));
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
    return audits;
  }

  @Test
  void grantPermitsAndRevokeDeniesThroughConsentEvents() {
    events().pipeInput("p1", grant("c1", "p1", "org-a", "TREAT", T0, null), START);
    request("r1", "p1", "org-a", "TREAT", T0 + HOUR);
    request("r2", "p1", "org-b", "TREAT", T0 + HOUR);
    events().pipeInput("p1", revoke("c1", "p1"), START.plusMillis(2 * HOUR));
    request("r3", "p1", "org-a", "TREAT", T0 + 3 * HOUR);

    List<AccessDecision> decisions = decisions();
    assertEquals(
        List.of("r1", "r2", "r3"), decisions.stream().map(AccessDecision::getRequestId).toList());
    assertEquals(AccessDecisionOutcome.PERMIT, decisions.get(0).getDecision());
    assertEquals("CONSENT_PERMIT", decisions.get(0).getReason());
    assertEquals("c1", decisions.get(0).getDecidingConsentId());
    assertEquals(List.of("c1"), decisions.get(0).getConsideredConsentIds());
    assertEquals("NO_CONSENT_DEFAULT_DENY", decisions.get(1).getReason());
    assertEquals(AccessDecisionOutcome.DENY, decisions.get(2).getDecision());
    assertEquals("NO_CONSENT_DEFAULT_DENY", decisions.get(2).getReason());
    assertEquals(List.of(), decisions.get(2).getConsideredConsentIds());
    assertEquals(
        1.0,
        kit.count(
            "healthstreams.consent.decisions", "decision", "PERMIT", "reason", "CONSENT_PERMIT"));
    assertEquals(
        2.0,
        kit.count(
            "healthstreams.consent.decisions",
            "decision",
            "DENY",
            "reason",
            "NO_CONSENT_DEFAULT_DENY"));

    JsonNode view = lastView("p1");
    assertEquals("REVOKED", view.path("consents").get(0).path("state").asText());
    assertEquals("EVENT", view.path("consents").get(0).path("source").asText());
  }

  /** Only a request without a patient or a purpose is bad input (issue 11). */
  @Test
  void aRequestWithoutARequestIdIsDecidedNotDeadLettered() {
    events().pipeInput("p1", grant("c1", "p1", "org-a", "TREAT", T0, null), START);
    String json =
        """
        {"patientId": "p1", "requester": {"organization": "org-a"}, "purpose": "TREAT",
         "category": "clinical", "requestedAt": %d}"""
            .formatted(T0 + HOUR);
    kit.textInput(ConsentTableTopology.ACCESS_REQUESTS)
        .pipeInput("p1", json, Instant.ofEpochMilli(T0 + HOUR));

    AccessDecision decision = decisions().get(0);
    assertEquals("CONSENT_PERMIT", decision.getReason());
    assertTrue(decision.getRequestId().startsWith("request-"), decision.getRequestId());
    assertEquals(1, audits().size(), "audited too");
  }

  @Test
  void aRequestIsDecidedAtItsTimeWhateverArrivedSince() {
    events().pipeInput("p1", grant("c1", "p1", "org-a", "TREAT", T0, null), START);
    events().pipeInput("p1", revoke("c1", "p1"), START.plusMillis(5 * HOUR));
    // Arrives after the revoke, asked before it: the grant was in force then.
    request("late", "p1", "org-a", "TREAT", T0 + HOUR);
    assertEquals("CONSENT_PERMIT", decisions().get(0).getReason());
  }

  @Test
  void aRevokeOfAnUnknownConsentIsKeptSoALaterGrantStaysRevoked() {
    events().pipeInput("p1", revoke("c1", "p1"), START);
    events().pipeInput("p1", grant("c1", "p1", "org-a", "TREAT", T0, null), START.plusMillis(HOUR));
    request("r1", "p1", "org-a", "TREAT", T0 + 2 * HOUR);
    assertEquals("NO_CONSENT_DEFAULT_DENY", decisions().get(0).getReason());
    assertEquals(1.0, kit.count("healthstreams.consent.anomalies", "reason", "revoked-unknown"));
    assertEquals(
        1.0, kit.count("healthstreams.consent.anomalies", "reason", "granted-after-revoke"));
    assertEquals("REVOKED", lastView("p1").path("consents").get(0).path("state").asText());
  }

  @Test
  void aConsentThatEndedBeforeItWasReadExpiresAtOnce() {
    // The wall clock stands at START: the period ended an hour before, and no check has run.
    events().pipeInput("p1", grant("c1", "p1", "org-a", "TREAT", T0 - 2 * HOUR, T0 - HOUR), START);

    List<TestRecord<String, PatientConsentEvent>> expired =
        kit.output(ConsentTableTopology.EXPIRED).readRecordsToList();
    assertEquals(1, expired.size());
    assertEquals("c1", expired.get(0).value().getPayload().getConsentId());
    assertEquals(T0 - HOUR, expired.get(0).value().getPayload().getEffectiveUntil());
    assertEquals("EXPIRED", lastView("p1").path("consents").get(0).path("state").asText());
    kit.advanceWallClock(Duration.ofHours(2));
    assertTrue(kit.output(ConsentTableTopology.EXPIRED).isEmpty(), "one expired event per consent");
  }

  @Test
  void aConsentExpiresWhenItsPeriodEnds() {
    events().pipeInput("p1", grant("c1", "p1", "org-a", "TREAT", T0, T0 + HOUR), START);
    kit.advanceWallClock(Duration.ofMinutes(30));
    assertTrue(kit.output(ConsentTableTopology.EXPIRED).isEmpty(), "not due yet");
    kit.advanceWallClock(Duration.ofMinutes(31));
    List<TestRecord<String, PatientConsentEvent>> expired =
        kit.output(ConsentTableTopology.EXPIRED).readRecordsToList();
    assertEquals(1, expired.size());
    assertEquals("p1", expired.get(0).key());
    assertEquals("c1", expired.get(0).value().getPayload().getConsentId());
    assertEquals("expired", expired.get(0).value().getPayload().getAction());
    assertEquals(T0 + HOUR, expired.get(0).value().getPayload().getEffectiveUntil());
    assertEquals("c1", header(expired.get(0), "consent-id"));
    assertEquals("expired", header(expired.get(0), "consent-action"), "as the platform's events");
    assertEquals("EXPIRED", lastView("p1").path("consents").get(0).path("state").asText());
    kit.advanceWallClock(Duration.ofHours(2));
    assertTrue(kit.output(ConsentTableTopology.EXPIRED).isEmpty(), "one expired event per consent");
    // Requests before the end are still permitted; after it, no consent.
    request("before", "p1", "org-a", "TREAT", T0 + HOUR - 1);
    request("at-end", "p1", "org-a", "TREAT", T0 + HOUR);
    List<AccessDecision> decisions = decisions();
    assertEquals("CONSENT_PERMIT", decisions.get(0).getReason());
    assertEquals("NO_CONSENT_DEFAULT_DENY", decisions.get(1).getReason());
  }

  /** An empty grantedTo permits no one: denied, yet kept, shown, revocable and expired. */
  @Test
  void aGrantToNoOneDeniesAndIsKeptInTheTable() {
    events()
        .pipeInput(
            "p1",
            ConsentEvents.event(
                "c1",
                "p1",
                "granted",
                List.of(),
                List.of("TREAT"),
                List.of("clinical"),
                T0,
                T0 + 2 * HOUR,
                T0),
            START);
    request("r1", "p1", "org-a", "TREAT", T0 + HOUR);

    AccessDecision decision = decisions().get(0);
    assertEquals(AccessDecisionOutcome.DENY, decision.getDecision());
    assertEquals("NO_CONSENT_DEFAULT_DENY", decision.getReason());
    assertNull(decision.getDecidingConsentId());
    assertEquals(List.of("c1"), decision.getConsideredConsentIds());
    assertEquals(
        1.0, kit.count("healthstreams.consent.anomalies", "reason", "grant-permits-nothing"));

    JsonNode consent = lastView("p1").path("consents").get(0);
    assertEquals("c1", consent.path("consentId").asText());
    assertEquals("EVENT", consent.path("source").asText());
    assertEquals("ACTIVE", consent.path("state").asText());
    JsonNode grant = consent.path("provision").path("provisions").get(0);
    assertEquals(0, grant.path("actors").size());
    assertEquals("TREAT", grant.path("purposes").get(0).asText());

    // It expires like any grant, its expired event carrying the lists as given.
    kit.advanceWallClock(Duration.ofHours(2).plusMinutes(1));
    List<TestRecord<String, PatientConsentEvent>> expired =
        kit.output(ConsentTableTopology.EXPIRED).readRecordsToList();
    assertEquals(1, expired.size());
    assertEquals("c1", expired.get(0).value().getPayload().getConsentId());
    assertEquals(List.of(), expired.get(0).value().getPayload().getGrantedTo());
    assertEquals(List.of("TREAT"), expired.get(0).value().getPayload().getPurpose());
    assertEquals(List.of("clinical"), expired.get(0).value().getPayload().getDataCategories());
    assertEquals("EXPIRED", lastView("p1").path("consents").get(0).path("state").asText());
  }

  @Test
  void aGrantForNoPurposeIsRevocable() {
    events()
        .pipeInput(
            "p1",
            ConsentEvents.event(
                "c1",
                "p1",
                "granted",
                List.of(new ConsentGrantee("organization", "org-a")),
                List.of(),
                List.of("clinical"),
                T0,
                null,
                T0),
            START);
    request("r1", "p1", "org-a", "TREAT", T0 + HOUR);
    events().pipeInput("p1", revoke("c1", "p1"), START.plusMillis(2 * HOUR));
    assertEquals("NO_CONSENT_DEFAULT_DENY", decisions().get(0).getReason());
    assertEquals("REVOKED", lastView("p1").path("consents").get(0).path("state").asText());
  }

  @Test
  void fhirConsentsAreKeyedByPatientAndDeletedByTombstone() {
    TestInputTopic<String, byte[]> fhir = kit.input(ConsentTableTopology.FHIR_CONSENTS);
    fhir.pipeInput(
        "consent-example-notOrg", ConsentFixtures.resource("consent-example-notOrg"), START);
    request("r1", "f001", "f001", "TREAT", T0 + HOUR);
    request("r2", "f001", "other", "TREAT", T0 + HOUR);
    fhir.pipeInput("consent-example-notOrg", (byte[]) null, START.plusMillis(2 * HOUR));
    request("r3", "f001", "other", "TREAT", T0 + 3 * HOUR);
    List<AccessDecision> decisions = decisions();
    assertEquals("CONSENT_DENY", decisions.get(0).getReason());
    assertEquals("consent-example-notOrg", decisions.get(0).getDecidingConsentId());
    assertEquals("CONSENT_PERMIT", decisions.get(1).getReason());
    assertEquals("NO_CONSENT_DEFAULT_DENY", decisions.get(2).getReason());
    assertEquals(0, lastView("f001").path("consents").size());
  }

  @Test
  void anInactiveFhirConsentNoLongerCounts() {
    TestInputTopic<String, byte[]> fhir = kit.input(ConsentTableTopology.FHIR_CONSENTS);
    String active =
        new String(ConsentFixtures.resource("consent-example-notAuthor"), StandardCharsets.UTF_8);
    fhir.pipeInput("consent-example-notAuthor", active.getBytes(StandardCharsets.UTF_8), START);
    fhir.pipeInput(
        "consent-example-notAuthor",
        active.replace("\"active\"", "\"inactive\"").getBytes(StandardCharsets.UTF_8),
        START.plusMillis(2 * HOUR));
    request("r1", "f001", "x", "TREAT", T0 + HOUR);
    request("r2", "f001", "x", "TREAT", T0 + 3 * HOUR);
    List<AccessDecision> decisions = decisions();
    assertEquals("CONSENT_PERMIT", decisions.get(0).getReason());
    assertEquals("NO_CONSENT_DEFAULT_DENY", decisions.get(1).getReason());
    assertEquals("INACTIVE", lastView("f001").path("consents").get(0).path("state").asText());
  }

  @Test
  void everyDecisionIsAuditedAsABalpConsentAuthorization() {
    events().pipeInput("p1", grant("c1", "p1", "org-a", "TREAT", T0, null), START);
    request("r1", "p1", "org-a", "TREAT", T0 + HOUR);
    request("r2", "p1", "org-b", "HPAYMT", T0 + HOUR);
    List<JsonNode> audits = audits();
    assertEquals(2, audits.size());
    JsonNode permit = audits.get(0);
    assertEquals("AuditEvent", permit.path("resourceType").asText());
    assertEquals("110113", permit.path("type").path("code").asText());
    assertEquals(
        "http://dicom.nema.org/resources/ontology/DCM",
        permit.path("type").path("system").asText());
    assertEquals("AuthZ-Consent", permit.path("subtype").get(0).path("code").asText());
    assertEquals("E", permit.path("action").asText());
    assertEquals("0", permit.path("outcome").asText());
    assertEquals("CONSENT_PERMIT", permit.path("outcomeDesc").asText());
    JsonNode user = permit.path("agent").get(0);
    assertEquals("Practitioner/u-org-a", user.path("who").path("reference").asText());
    assertEquals("PRCP", user.path("role").get(0).path("coding").get(0).path("code").asText());
    assertEquals(
        "TREAT", user.path("purposeOfUse").get(0).path("coding").get(0).path("code").asText());
    assertEquals(
        "Organization/org-a", permit.path("agent").get(1).path("who").path("reference").asText());
    List<String> entities = new ArrayList<>();
    permit
        .path("entity")
        .forEach(
            e ->
                entities.add(
                    e.path("what")
                        .path("reference")
                        .asText(e.path("what").path("identifier").path("value").asText())));
    assertEquals(List.of("Patient/p1", "r1", "Consent/c1"), entities);
    assertEquals("8", audits.get(1).path("outcome").asText());
    assertEquals("NO_CONSENT_DEFAULT_DENY", audits.get(1).path("outcomeDesc").asText());
    // Ids only: nothing from a name field reaches the audit.
    assertTrue(!permit.toString().contains("display\":\"P."));
  }

  @Test
  void aGateLetsPermittedRecordsThroughUnchangedAndWithholdsTheOthers() {
    TestInputTopic<String, byte[]> alerts =
        kit.kit()
            .driver()
            .createInputTopic("clinical.alerts", new StringSerializer(), new ByteArraySerializer());
    byte[] alert1 = "alert-bytes-1".getBytes(StandardCharsets.UTF_8);
    byte[] alert2 = "alert-bytes-2".getBytes(StandardCharsets.UTF_8);
    events().pipeInput("p1", grant("c1", "p1", "partner", "TREAT", T0, null), START);
    alerts.pipeInput("p1", alert1, START.plusMillis(HOUR));
    alerts.pipeInput("p2", alert2, START.plusMillis(HOUR));
    TestOutputTopic<String, byte[]> permitted =
        kit.kit()
            .driver()
            .createOutputTopic(
                "partner.alerts", new StringDeserializer(), new ByteArrayDeserializer());
    TestOutputTopic<String, byte[]> denied =
        kit.kit()
            .driver()
            .createOutputTopic(
                "partner.alerts.withheld", new StringDeserializer(), new ByteArrayDeserializer());
    List<TestRecord<String, byte[]>> passed = permitted.readRecordsToList();
    assertEquals(1, passed.size());
    assertEquals("p1", passed.get(0).key());
    assertEquals("alert-bytes-1", new String(passed.get(0).value(), StandardCharsets.UTF_8));
    List<TestRecord<String, byte[]>> withheld = denied.readRecordsToList();
    assertEquals(1, withheld.size());
    assertEquals("alert-bytes-2", new String(withheld.get(0).value(), StandardCharsets.UTF_8));
    assertEquals(
        "DENY",
        TopologyKit.header(withheld.get(0).headers(), ConsentGateProcessor.DECISION_HEADER));
    assertEquals(
        "NO_CONSENT_DEFAULT_DENY",
        TopologyKit.header(withheld.get(0).headers(), ConsentGateProcessor.REASON_HEADER));
    assertEquals(
        "alerts-out",
        TopologyKit.header(withheld.get(0).headers(), ConsentGateProcessor.GATE_HEADER));
    List<JsonNode> audits = audits();
    assertEquals(2, audits.size());
    assertEquals(
        "gate:alerts-out", audits.get(0).path("entity").get(1).path("description").asText());
    assertEquals(
        "Organization/partner",
        audits.get(0).path("agent").get(0).path("who").path("reference").asText());
  }

  @Test
  void badRecordsGoToTheDeadLettersAndTheNextIsProcessed() {
    events()
        .pipeInput(
            "p1",
            ConsentEvents.event(
                "c1", "p1", "paused", List.of(), List.of(), List.of(), null, null, null),
            START);
    events()
        .pipeInput(
            "p1",
            ConsentEvents.event(
                null, "p1", "granted", List.of(), List.of(), List.of(), null, null, null),
            START);
    events().pipeInput("p1", grant("c2", "p1", "org-a", "TREAT", T0, null), START);
    kit.input(ConsentTableTopology.FHIR_CONSENTS)
        .pipeInput(
            "c3",
            "{\"resourceType\": \"Consent\", \"id\": \"c3\", \"status\": \"active\"}"
                .getBytes(StandardCharsets.UTF_8),
            START);
    kit.textInput(ConsentTableTopology.ACCESS_REQUESTS)
        .pipeInput("p1", "{\"requestId\": \"bad\", \"patientId\": \"p1\"}", START.plusMillis(HOUR));
    request("r1", "p1", "org-a", "TREAT", T0 + HOUR);
    List<TestRecord<byte[], byte[]>> letters = kit.deadLetters().readRecordsToList();
    assertEquals(4, letters.size());
    List<String> reasons =
        letters.stream()
            .map(l -> TopologyKit.header(l.headers(), "healthstreams.error.reason"))
            .toList();
    assertEquals(List.of("unknown-action", "no-consent-id", "no-patient", "no-purpose"), reasons);
    List<AccessDecision> decisions = decisions();
    assertEquals(1, decisions.size());
    assertEquals("CONSENT_PERMIT", decisions.get(0).getReason());
  }

  @Test
  void thePatientStoreHoldsTheConsentsForTheQuery() {
    events().pipeInput("p1", grant("c1", "p1", "org-a", "TREAT", T0, null), START);
    PatientConsents stored =
        kit.kit()
            .<String, PatientConsents>keyValueStore(ConsentTableTopology.TABLE_STORE)
            .get("p1");
    assertEquals("c1", stored.consents().get(0).consentId());
    assertNull(
        kit.kit()
            .<String, PatientConsents>keyValueStore(ConsentTableTopology.TABLE_STORE)
            .get("p2"));
  }

  @Test
  void recordsNotKeyedByPatientAreReKeyedToMeetTheirConsents() {
    events().pipeInput("consent-c1", grant("c1", "p1", "org-a", "TREAT", T0, null), START);
    kit.textInput(ConsentTableTopology.ACCESS_REQUESTS)
        .pipeInput(
            "r1",
            ConsentEvents.request("r1", "p1", "org-a", "TREAT", T0 + HOUR),
            START.plusMillis(HOUR));
    kit.textInput(ConsentTableTopology.ACCESS_REQUESTS)
        .pipeInput((String) null, "{\"requestId\": \"r2\"}", START.plusMillis(HOUR));
    List<AccessDecision> decisions = decisions();
    assertEquals(1, decisions.size());
    assertEquals("CONSENT_PERMIT", decisions.get(0).getReason());
    assertEquals("p1", kit.output(ConsentTableTopology.VIEWS).readRecord().key());
    assertEquals(
        "no-patient",
        TopologyKit.header(kit.deadLetters().readRecord().headers(), "healthstreams.error.reason"));
  }

  @Test
  void aReKeyedRequestWithNoTimeOfItsOwnIsDecidedAtItsRecordsTime() {
    events().pipeInput("p1", grant("c1", "p1", "org-a", "TREAT", T0, null), START);
    // Keyed by its request id, so it takes the repartition hop, which carries its bytes only.
    kit.textInput(ConsentTableTopology.ACCESS_REQUESTS)
        .pipeInput(
            "r1",
            "{\"requestId\": \"r1\", \"patientId\": \"p1\", \"purpose\": \"TREAT\","
                + " \"category\": \"clinical\", \"requester\": {\"organization\": \"org-a\"}}",
            START.plusMillis(HOUR));
    List<AccessDecision> decisions = decisions();
    assertEquals(1, decisions.size());
    assertEquals("CONSENT_PERMIT", decisions.get(0).getReason());
    assertEquals(START.plusMillis(HOUR), decisions.get(0).getDecidedAt());
  }

  @Test
  void gateTopicsAreInTheTopicPlan() {
    var built = kit.kit().built();
    assertTrue(built.sourceTopics().contains("clinical.alerts"), "gate input is an input");
    assertEquals(java.util.Set.of("clinical.alerts"), built.extraSourceTopics());
    assertTrue(
        built.sinkTopics().containsAll(List.of("partner.alerts", "partner.alerts.withheld")));
    var plan = dev.healthstreams.runtime.TopicPlan.external(List.of(built), 4, (short) 1);
    assertTrue(
        plan.keySet()
            .containsAll(
                List.of(
                    "clinical.alerts",
                    "partner.alerts",
                    "partner.alerts.withheld",
                    "consent.views")));
    assertTrue(plan.get("consent.views").compacted());
    assertTrue(
        !plan.containsKey("fhir-consents-by-patient-repartition"), "internal topics stay internal");
  }

  private JsonNode lastView(String patient) {
    JsonNode last = null;
    for (TestRecord<String, byte[]> record :
        kit.output(ConsentTableTopology.VIEWS).readRecordsToList()) {
      if (record.key().equals(patient)) {
        try {
          last = JSON.readTree(record.value());
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      }
    }
    return last;
  }

  private static String header(TestRecord<?, ?> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
