package dev.healthstreams.topology.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The AuditEvent of a decision, byte for byte. The expected events were written by the first
 * implementation (a tree of Jackson nodes) and checked by hand against IHE BALP's consent
 * authorization event; the token writer that replaced it must write the same JSON.
 */
class ConsentAuditEventsTest {
  private static final ConsentAuditEvents AUDIT = new ConsentAuditEvents("consent-table");
  private static final long AT = 1_714_521_600_000L; // 2024-05-01T00:00:00Z

  @Test
  void aUserOfAnOrganizationPermittedByOneOfTwoConsents() {
    AccessQuery query =
        new AccessQuery(
            "p1",
            new Requester("org-a", "u1", List.of("PRCP", "NURSE")),
            "TREAT",
            "observations",
            null,
            AT,
            null);
    Decision decision =
        new Decision(
            Decision.Verdict.PERMIT, DecisionReason.CONSENT_PERMIT, List.of("c1", "c2"), "c2");

    String event =
        new String(AUDIT.of("stream", "r1", query, decision, AT), StandardCharsets.UTF_8);

    assertEquals(
        """
        {"resourceType":"AuditEvent","id":"47309ae3-d51d-3960-bac2-c7f565beba28","type":{"system":"http://dicom.nema.org/resources/ontology/DCM",\
        "code":"110113","display":"Security Alert"},"subtype":[{"system":"https://profiles.ihe.net/ITI/BALP/CodeSystem/AuthZsubType",\
        "code":"AuthZ-Consent","display":"Authorization Decision using Roles and Consent"}],\
        "action":"E","recorded":"2024-05-01T00:00:00Z","outcome":"0","outcomeDesc":"CONSENT_PERMIT",\
        "purposeOfEvent":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason",\
        "code":"TREAT"}]}],"agent":[{"who":{"reference":"Practitioner/u1"},"requestor":true,\
        "role":[{"coding":[{"code":"PRCP"}]},{"coding":[{"code":"NURSE"}]}],"purposeOfUse":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason",\
        "code":"TREAT"}]}]},{"who":{"reference":"Organization/org-a"},"requestor":false},\
        {"who":{"identifier":{"value":"healthstreams/consent-table"}},"requestor":false}],\
        "source":{"observer":{"identifier":{"value":"healthstreams/consent-table"}}},"entity":[{"what":{"reference":"Patient/p1"},\
        "type":{"system":"http://terminology.hl7.org/CodeSystem/audit-entity-type","code":"1"}},\
        {"what":{"identifier":{"value":"r1"}},"type":{"system":"http://terminology.hl7.org/CodeSystem/audit-entity-type",\
        "code":"2"},"description":"stream"},{"what":{"reference":"Consent/c1"},"type":{"system":"http://terminology.hl7.org/CodeSystem/audit-entity-type",\
        "code":"2"}},{"what":{"reference":"Consent/c2"},"type":{"system":"http://terminology.hl7.org/CodeSystem/audit-entity-type",\
        "code":"2"},"description":"deciding"}]}""",
        event);
  }

  @Test
  void anOrganizationAloneDeniedByTheImplicitPolicyAtAGate() {
    AccessQuery query =
        new AccessQuery(
            "p2",
            new Requester("org-b", null, List.of()),
            "HPAYMT",
            null,
            "access",
            AT + 123,
            null);
    Decision decision =
        new Decision(
            Decision.Verdict.DENY, DecisionReason.NO_CONSENT_DEFAULT_DENY, List.of(), null);

    String event =
        new String(
            AUDIT.of("gate:alerts-out", "clinical.alerts-0@7", query, decision, AT + 123),
            StandardCharsets.UTF_8);

    assertEquals(
        """
        {"resourceType":"AuditEvent","id":"51bce5ec-2962-3305-b512-00c243651605","type":{"system":"http://dicom.nema.org/resources/ontology/DCM",\
        "code":"110113","display":"Security Alert"},"subtype":[{"system":"https://profiles.ihe.net/ITI/BALP/CodeSystem/AuthZsubType",\
        "code":"AuthZ-Consent","display":"Authorization Decision using Roles and Consent"}],\
        "action":"E","recorded":"2024-05-01T00:00:00.123Z","outcome":"8","outcomeDesc":"NO_CONSENT_DEFAULT_DENY",\
        "purposeOfEvent":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason",\
        "code":"HPAYMT"}]}],"agent":[{"who":{"reference":"Organization/org-b"},"requestor":true,\
        "role":[],"purposeOfUse":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason",\
        "code":"HPAYMT"}]}]},{"who":{"identifier":{"value":"healthstreams/consent-table"}},\
        "requestor":false}],"source":{"observer":{"identifier":{"value":"healthstreams/consent-table"}}},\
        "entity":[{"what":{"reference":"Patient/p2"},"type":{"system":"http://terminology.hl7.org/CodeSystem/audit-entity-type",\
        "code":"1"}},{"what":{"identifier":{"value":"clinical.alerts-0@7"}},"type":{"system":"http://terminology.hl7.org/CodeSystem/audit-entity-type",\
        "code":"2"},"description":"gate:alerts-out"}]}""",
        event);
  }
}
