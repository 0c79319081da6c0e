package dev.healthstreams.topology.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.topology.query.BadQueryParameter;
import dev.healthstreams.topology.query.KeyLookup;
import dev.healthstreams.topology.query.QueryAnswer;
import dev.healthstreams.topology.query.QueryRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The HTTP decision: answered from the stored consents and audited through the audit role. */
class ConsentQueriesTest {
  private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ConsentQueries queries =
      new ConsentQueries(
          new ConsentDecider(ImplicitPolicy.DENY_ALL, List.of("BTG")),
          new ConsentAuditEvents(ConsentTableTopology.NAME),
          Clock.fixed(NOW, ZoneOffset.UTC),
          new ConsentMetrics(meters));

  @SuppressWarnings("unchecked")
  private Optional<QueryAnswer> ask(Map<String, String> params, PatientConsents consents) {
    KeyLookup<String, PatientConsents> decision =
        (KeyLookup<String, PatientConsents>) queries.endpoints().get(1);
    assertEquals(ConsentTableTopology.DECISION_PATH, decision.path());
    assertEquals(ConsentTableProcessor.STORE, decision.store());
    return decision.answer().answer(new QueryRequest(Map.of("id", "p1"), params), consents);
  }

  @Test
  void decidesAtTheGivenInstantAndLeavesAnAuditEventBehind() throws Exception {
    Consent grant =
        ConsentFixtures.grant(
            "g1",
            0L,
            new Period(null, NOW.toEpochMilli()),
            List.of(ConsentFixtures.org("o1")),
            List.of("TREAT"),
            List.of("observations"));
    PatientConsents consents =
        new PatientConsents("p1", List.of(ConsentFixtures.history(grant, 0L)));

    QueryAnswer before =
        ask(
                Map.of(
                    "organization",
                    "o1",
                    "user",
                    "u1",
                    "role",
                    "PRCP,NURSE",
                    "purpose",
                    "TREAT",
                    "category",
                    "observations",
                    "at",
                    "2024-05-01T00:00:00Z"),
                consents)
            .orElseThrow();
    assertEquals("PERMIT", before.body().path("decision").asText());
    assertEquals("CONSENT_PERMIT", before.body().path("reason").asText());
    assertEquals("g1", before.body().path("decidingConsentId").asText());
    assertEquals(1, before.records().size());
    QueryAnswer.Outbound audit = before.records().get(0);
    assertEquals(ConsentTableTopology.AUDIT.name(), audit.role());
    assertEquals("p1", audit.key());
    JsonNode event = JSON.readTree(audit.value());
    assertEquals("AuthZ-Consent", event.path("subtype").get(0).path("code").asText());
    assertEquals("0", event.path("outcome").asText());
    assertEquals("http", event.path("entity").get(1).path("description").asText());
    assertEquals(
        "NURSE",
        event.path("agent").get(0).path("role").get(1).path("coding").get(0).path("code").asText());

    // Without `at`: now, when the grant has ended.
    QueryAnswer now =
        ask(Map.of("organization", "o1", "purpose", "TREAT", "category", "observations"), consents)
            .orElseThrow();
    assertEquals("NO_CONSENT_DEFAULT_DENY", now.body().path("reason").asText());
    assertEquals(NOW.toEpochMilli(), now.body().path("at").asLong());
    assertEquals("8", JSON.readTree(now.records().get(0).value()).path("outcome").asText());
  }

  @Test
  void aPatientWithoutConsentsGetsTheImplicitPolicyNotA404() {
    QueryAnswer answer = ask(Map.of("purpose", "BTG"), null).orElseThrow();
    assertEquals("BREAK_GLASS", answer.body().path("reason").asText());
    assertTrue(answer.records().size() == 1, "break glass is audited");
    assertEquals(
        1.0,
        meters
            .get("healthstreams.consent.decisions")
            .tags("decision", "PERMIT", "reason", "BREAK_GLASS")
            .counter()
            .count(),
        "and counted");
  }

  @Test
  void purposeIsRequiredAndTimesMustParse() {
    BadQueryParameter missing = assertThrows(BadQueryParameter.class, () -> ask(Map.of(), null));
    assertEquals("purpose", missing.parameter());
    BadQueryParameter at =
        assertThrows(
            BadQueryParameter.class,
            () -> ask(Map.of("purpose", "TREAT", "at", "yesterday"), null));
    assertEquals("at", at.parameter());
  }
}
