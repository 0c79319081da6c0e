package dev.healthstreams.topology.consent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthstreams.topology.query.BadQueryParameter;
import dev.healthstreams.topology.query.KeyLookup;
import dev.healthstreams.topology.query.QueryAnswer;
import dev.healthstreams.topology.query.QueryEndpoint;
import dev.healthstreams.topology.query.QueryRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The consent table over HTTP: a patient's consents, and a decision for a request given as query
 * parameters ({@code organization, user, role (comma-separated), purpose, category, action, at}),
 * answered from the replica that holds the patient and audited: the answer goes out only once its
 * AuditEvent is written to the audit role's topic.
 */
final class ConsentQueries {
  static final String PATIENT = "/consent/patients/{id}";
  static final String DECISION = "/consent/patients/{id}/decision";

  private final ConsentDecider decider;
  private final ConsentAuditEvents audit;
  private final ConsentMetrics metrics;
  private final Clock clock;

  ConsentQueries(
      ConsentDecider decider, ConsentAuditEvents audit, Clock clock, ConsentMetrics metrics) {
    this.decider = decider;
    this.audit = audit;
    this.metrics = metrics;
    this.clock = clock;
  }

  List<QueryEndpoint> endpoints() {
    return List.of(
        KeyLookup.<PatientConsents>byPathParam(
            PATIENT, ConsentTableProcessor.STORE, "id", ConsentViews::render),
        KeyLookup.<PatientConsents>answering(
            DECISION, ConsentTableProcessor.STORE, "id", this::decision));
  }

  /** Decided whether or not the patient has consents: none is the implicit policy's answer. */
  Optional<QueryAnswer> decision(QueryRequest request, PatientConsents consents) {
    String patient = request.pathParam("id");
    String purpose =
        request.param("purpose").orElseThrow(() -> new BadQueryParameter("purpose", "is required"));
    long now = clock.millis();
    AccessQuery query =
        new AccessQuery(
            patient,
            new Requester(
                request.param("organization").orElse(null),
                request.param("user").orElse(null),
                request.param("role").map(ConsentQueries::list).orElse(List.of())),
            purpose,
            request.param("category").orElse(null),
            request.param("action").orElse(null),
            request.param("at").map(at -> time("at", at)).orElse(now),
            request.param("dataDate").map(date -> time("dataDate", date)).orElse(null));
    Decision decision = decider.decide(consents == null ? List.of() : consents.consents(), query);
    String requestId = "http-" + UUID.randomUUID();
    JsonNode body = ConsentViews.decision(decision, query);
    byte[] event = audit.of("http", requestId, query, decision, now);
    metrics.decided(decision);
    return Optional.of(
        new QueryAnswer(
            body,
            List.of(new QueryAnswer.Outbound(ConsentTableTopology.AUDIT.name(), patient, event))));
  }

  private static List<String> list(String text) {
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static long time(String parameter, String text) {
    try {
      return text.chars().allMatch(Character::isDigit)
          ? Long.parseLong(text)
          : Instant.parse(text).toEpochMilli();
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new BadQueryParameter(
          parameter, "is neither epoch milliseconds nor an ISO-8601 instant");
    }
  }
}
