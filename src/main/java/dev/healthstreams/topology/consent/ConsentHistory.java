package dev.healthstreams.topology.consent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The versions of one consent in time order, so that a decision at instant t sees the consent as it
 * stood at t whatever order the changes arrived in.
 */
public record ConsentHistory(String consentId, SourceFormat source, List<ConsentVersion> versions) {
  /**
   * Versions kept per consent: enough for requests that arrive late relative to several changes of
   * one consent; the oldest go first.
   */
  static final int MAX_VERSIONS = 16;

  public ConsentHistory {
    versions = List.copyOf(versions);
  }

  /** The version in force at {@code at}: the last that took effect at or before it. */
  public Optional<ConsentVersion> asOf(long at) {
    ConsentVersion found = null;
    for (ConsentVersion version : versions) {
      if (version.at() <= at) {
        found = version;
      }
    }
    return Optional.ofNullable(found);
  }

  public ConsentVersion latest() {
    return versions.get(versions.size() - 1);
  }

  /** Whether a revoke took effect at or before {@code at}: a revoked consent stays revoked. */
  boolean revokedBy(long at) {
    return versions.stream().anyMatch(v -> v.state() == ConsentState.REVOKED && v.at() <= at);
  }

  /** The latest content known at or before {@code at}, else the earliest after it. */
  Optional<Consent> contentNear(long at) {
    Consent before = null;
    Consent after = null;
    for (ConsentVersion version : versions) {
      if (version.consent() == null) {
        continue;
      }
      if (version.at() <= at) {
        before = version.consent();
      } else if (after == null) {
        after = version.consent();
      }
    }
    return Optional.ofNullable(before != null ? before : after);
  }

  /**
   * This history with {@code version} inserted in time order (after versions of equal time). A
   * revoke is final: versions after it in time (a grant that arrived before a revoke stamped
   * earlier) are dropped, as they would have been ignored had the revoke arrived first.
   */
  ConsentHistory with(ConsentVersion version) {
    List<ConsentVersion> next = new ArrayList<>(versions);
    if (version.state() == ConsentState.REVOKED) {
      next.removeIf(v -> v.at() > version.at());
    }
    int index = next.size();
    while (index > 0 && next.get(index - 1).at() > version.at()) {
      index--;
    }
    next.add(index, version);
    while (next.size() > MAX_VERSIONS) {
      next.remove(0);
    }
    return new ConsentHistory(consentId, source, next);
  }
}
