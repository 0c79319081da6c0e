package dev.healthstreams.topology.consent;

import java.util.List;

/**
 * The answer to one access query.
 *
 * @param considered the ids of the candidate consents (active, in period at the instant asked)
 * @param deciding the consent whose evaluation decided, or null (implicit policy, break glass)
 */
public record Decision(
    Verdict verdict, DecisionReason reason, List<String> considered, String deciding) {
  public enum Verdict {
    PERMIT,
    DENY
  }

  public Decision {
    considered = List.copyOf(considered);
  }

  public boolean permitted() {
    return verdict == Verdict.PERMIT;
  }
}
