package dev.healthstreams.topology.consent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** Builders of consents and queries for the consent-table tests, and the FHIR example fixtures. */
final class ConsentFixtures {
  static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

  private ConsentFixtures() {}

  static Provision provision(ProvisionType type, Provision... children) {
    return new Provision(type, null, null, null, null, null, null, null, List.of(children));
  }

  static Provision actors(ProvisionType type, Actor... actors) {
    return new Provision(type, null, List.of(actors), null, null, null, null, null, null);
  }

  static Provision purposes(ProvisionType type, String... purposes) {
    return new Provision(type, null, null, null, List.of(purposes), null, null, null, null);
  }

  static Actor org(String id) {
    return new Actor(Actor.Kind.ORGANIZATION, id);
  }

  static Actor user(String id) {
    return new Actor(Actor.Kind.USER, id);
  }

  static Actor role(String id) {
    return new Actor(Actor.Kind.ROLE, id);
  }

  static Consent fhir(String id, long dateTime, ProvisionType policy, Provision root) {
    return new Consent(
        id, "p1", SourceFormat.FHIR, ConsentState.ACTIVE, dateTime, Period.ALWAYS, policy, root);
  }

  static Consent fhir(
      String id, long dateTime, Period period, ProvisionType policy, Provision root) {
    return new Consent(
        id, "p1", SourceFormat.FHIR, ConsentState.ACTIVE, dateTime, period, policy, root);
  }

  /** A consent event's grant: no base, one permit provision. */
  static Consent grant(
      String id,
      long dateTime,
      Period period,
      List<Actor> to,
      List<String> purposes,
      List<String> categories) {
    Provision grant =
        new Provision(ProvisionType.PERMIT, null, to, null, purposes, categories, null, null, null);
    return new Consent(
        id,
        "p1",
        SourceFormat.EVENT,
        ConsentState.ACTIVE,
        dateTime,
        period,
        null,
        provision(null, grant));
  }

  static ConsentHistory history(Consent consent, long at) {
    return new ConsentHistory(
        consent.id(), consent.source(), List.of(new ConsentVersion(at, consent.state(), consent)));
  }

  static List<ConsentHistory> histories(Consent... consents) {
    return java.util.Arrays.stream(consents).map(c -> history(c, 0L)).toList();
  }

  /** A query for the category {@code clinical}. */
  static AccessQuery query(String org, String user, List<String> roles, String purpose, long at) {
    return new AccessQuery(
        "p1", new Requester(org, user, roles), purpose, "clinical", null, at, null);
  }

  static AccessQuery query(String org, String purpose, long at) {
    return query(org, null, List.of(), purpose, at);
  }

  static byte[] resource(String name) {
    try (InputStream in = ConsentFixtures.class.getResourceAsStream("/consent/" + name + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
