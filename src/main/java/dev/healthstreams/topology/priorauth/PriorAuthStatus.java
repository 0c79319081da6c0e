package dev.healthstreams.topology.priorauth;

import java.util.Optional;

/**
 * The statuses a prior authorization's events carry. {@link #TIMEFRAME_EXTENDED} is no lifecycle
 * status: it records a payer's extension of the decision timeframe and leaves the status alone.
 */
public enum PriorAuthStatus {
  INITIATED,
  DOCUMENTATION_REQUESTED,
  DOCUMENTATION_ASSEMBLED,
  SUBMITTED,
  /** The payer's X12 278 A4: pended for review. */
  PENDED,
  ADDITIONAL_INFO_REQUIRED,
  /** A1. */
  APPROVED,
  /** A2. */
  PARTIALLY_APPROVED,
  /** A6. */
  MODIFIED,
  /** A3. */
  DENIED,
  APPEALED,
  DETERMINATION_COMMUNICATED,
  CANCELLED,
  EXPIRED,
  TIMEFRAME_EXTENDED;

  public boolean isLifecycle() {
    return this != TIMEFRAME_EXTENDED;
  }

  /** The payer's decisions: what the determination clock waits for. */
  public boolean isDetermination() {
    return this == APPROVED || this == PARTIALLY_APPROVED || this == MODIFIED || this == DENIED;
  }

  /** Nothing follows these; they stop every running clock. */
  public boolean isFinal() {
    return this == CANCELLED || this == EXPIRED;
  }

  /** The status named exactly (upper case, as producers send it), or empty. */
  public static Optional<PriorAuthStatus> named(String name) {
    if (name == null) {
      return Optional.empty();
    }
    for (PriorAuthStatus status : values()) {
      if (status.name().equals(name)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
