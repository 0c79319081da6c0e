package dev.healthstreams.topology.consent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every consent of one patient, each with its history: the value of the consent table. */
public record PatientConsents(String patientId, List<ConsentHistory> consents) {
  /** The anomaly of a grant kept although it permits no one ({@link Consent#permitsNothing()}). */
  public static final String GRANT_PERMITS_NOTHING = "grant-permits-nothing";

  public PatientConsents {
    consents = List.copyOf(consents);
  }

  public static PatientConsents empty(String patientId) {
    return new PatientConsents(patientId, List.of());
  }

  /** What applying a change gave: the new table value and what was odd about it (counted). */
  public record Applied(PatientConsents consents, Optional<String> anomaly) {}

  public Optional<ConsentHistory> history(String consentId) {
    return consents.stream().filter(h -> h.consentId().equals(consentId)).findFirst();
  }

  /**
   * Applies one change. A revoke or expiry of a consent never seen is kept (anomaly {@code
   * revoked-unknown} / {@code expired-unknown}), so that a grant arriving later with a later time
   * stays revoked (anomaly {@code granted-after-revoke}, the grant ignored). A grant that permits
   * no one is kept (anomaly {@code grant-permits-nothing}).
   */
  public Applied apply(ConsentChange change) {
    Optional<ConsentHistory> existing = history(change.consentId());
    return switch (change.kind()) {
      case DELETE -> new Applied(without(change.consentId()), Optional.empty());
      case UPSERT -> upsert(existing, change);
      case REVOKE -> close(existing, change, ConsentState.REVOKED, "revoked-unknown");
      case EXPIRE -> close(existing, change, ConsentState.EXPIRED, "expired-unknown");
    };
  }

  private Applied upsert(Optional<ConsentHistory> existing, ConsentChange change) {
    if (existing.isPresent() && existing.get().revokedBy(change.at())) {
      return new Applied(this, Optional.of("granted-after-revoke"));
    }
    ConsentVersion version =
        new ConsentVersion(change.at(), change.consent().state(), change.consent());
    Optional<String> anomaly =
        change.consent().permitsNothing() ? Optional.of(GRANT_PERMITS_NOTHING) : Optional.empty();
    return new Applied(replace(historyOf(existing, change).with(version)), anomaly);
  }

  private Applied close(
      Optional<ConsentHistory> existing,
      ConsentChange change,
      ConsentState state,
      String unknownAnomaly) {
    Optional<Consent> content = existing.flatMap(h -> h.contentNear(change.at()));
    ConsentVersion version =
        new ConsentVersion(change.at(), state, content.map(c -> c.withState(state)).orElse(null));
    Optional<String> anomaly = content.isEmpty() ? Optional.of(unknownAnomaly) : Optional.empty();
    return new Applied(replace(historyOf(existing, change).with(version)), anomaly);
  }

  private static ConsentHistory historyOf(Optional<ConsentHistory> existing, ConsentChange change) {
    return existing.orElseGet(
        () -> new ConsentHistory(change.consentId(), change.source(), List.of()));
  }

  private PatientConsents replace(ConsentHistory history) {
    List<ConsentHistory> next = new ArrayList<>();
    boolean replaced = false;
    for (ConsentHistory h : consents) {
      if (h.consentId().equals(history.consentId())) {
        next.add(history);
        replaced = true;
      } else {
        next.add(h);
      }
    }
    if (!replaced) {
      next.add(history);
    }
    return new PatientConsents(patientId, next);
  }

  private PatientConsents without(String consentId) {
    return new PatientConsents(
        patientId, consents.stream().filter(h -> !h.consentId().equals(consentId)).toList());
  }
}
