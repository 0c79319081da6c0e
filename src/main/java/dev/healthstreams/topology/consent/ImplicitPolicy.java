package dev.healthstreams.topology.consent;

import java.util.Set;

/**
 * What applies when no consent speaks to a request: the IHE PCF implicit policies. Break glass
 * permits under each of them (see {@link ConsentDecider}), so {@code deny-except-break-glass}
 * decides as {@code deny-all}; it names the intent in the config.
 */
public enum ImplicitPolicy {
  DENY_ALL,
  /** Treatment (TREAT) and emergency treatment (ETREAT) are permitted. */
  PERMIT_TREATMENT,
  PERMIT_ALL,
  DENY_EXCEPT_BREAK_GLASS;

  private static final Set<String> TREATMENT = Set.of("TREAT", "ETREAT");

  boolean permits(String purpose) {
    return switch (this) {
      case DENY_ALL, DENY_EXCEPT_BREAK_GLASS -> false;
      case PERMIT_TREATMENT -> TREATMENT.contains(purpose);
      case PERMIT_ALL -> true;
    };
  }
}
