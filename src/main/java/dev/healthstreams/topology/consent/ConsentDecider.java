package dev.healthstreams.topology.consent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides an access query against a patient's consents.
 *
 * <ul>
 *   <li>Candidates: the consents active at the instant asked (as their history stood then) whose
 *       period contains it.
 *   <li>One consent, deny-overrides: {@code eval(provision, base)} takes {@code eval(child,
 *       child.type)} of the nested provisions that match; any deny denies, else any permit permits,
 *       else {@code base}. The root's base is its type, else the policy (OPTIN/OPTOUT). A root with
 *       conditions of its own (actors, actions...) applies its type only to requests that meet
 *       them; others fall back to the policy alone.
 *   <li>A consent speaks when it has a base or one of its nested provisions matches; a consent
 *       event (a grant, no base) so speaks only when its grant matches, and never when the grant
 *       has an empty {@code grantedTo}, {@code purpose} or {@code dataCategories} ({@link
 *       Consent#permitsNothing()}: it permits no one, where a FHIR provision's empty list is any).
 *       The most recent speaking consent ({@code dateTime}) decides; on a tie a deny wins.
 *   <li>None speaks: the implicit policy. A break-glass purpose permits whatever the rest says.
 * </ul>
 */
public final class ConsentDecider {
  private final ImplicitPolicy implicitPolicy;
  private final Set<String> breakGlassPurposes;

  public ConsentDecider(ImplicitPolicy implicitPolicy, Collection<String> breakGlassPurposes) {
    this.implicitPolicy = implicitPolicy;
    this.breakGlassPurposes = Set.copyOf(breakGlassPurposes);
  }

  public Decision decide(List<ConsentHistory> consents, AccessQuery query) {
    List<Consent> candidates = candidates(consents, query.at());
    List<String> considered = candidates.stream().map(Consent::id).toList();
    if (breakGlassPurposes.contains(query.purpose())) {
      return new Decision(Decision.Verdict.PERMIT, DecisionReason.BREAK_GLASS, considered, null);
    }
    Consent deciding = null;
    ProvisionType verdict = null;
    for (Consent consent : candidates) {
      Optional<ProvisionType> spoken = evaluate(consent, query);
      if (spoken.isEmpty()) {
        continue;
      }
      boolean later = deciding == null || consent.dateTime() > deciding.dateTime();
      boolean tieDeny =
          deciding != null
              && consent.dateTime() == deciding.dateTime()
              && spoken.get() == ProvisionType.DENY
              && verdict == ProvisionType.PERMIT;
      if (later || tieDeny) {
        deciding = consent;
        verdict = spoken.get();
      }
    }
    if (deciding != null) {
      return verdict == ProvisionType.PERMIT
          ? new Decision(
              Decision.Verdict.PERMIT, DecisionReason.CONSENT_PERMIT, considered, deciding.id())
          : new Decision(
              Decision.Verdict.DENY, DecisionReason.CONSENT_DENY, considered, deciding.id());
    }
    return implicitPolicy.permits(query.purpose())
        ? new Decision(
            Decision.Verdict.PERMIT, DecisionReason.NO_CONSENT_DEFAULT_PERMIT, considered, null)
        : new Decision(
            Decision.Verdict.DENY, DecisionReason.NO_CONSENT_DEFAULT_DENY, considered, null);
  }

  /** Consents active at {@code at} (as their history stood then) whose period contains it. */
  static List<Consent> candidates(List<ConsentHistory> consents, long at) {
    List<Consent> candidates = new ArrayList<>();
    for (ConsentHistory history : consents) {
      history
          .asOf(at)
          .filter(v -> v.state() == ConsentState.ACTIVE && v.consent() != null)
          .map(ConsentVersion::consent)
          .filter(c -> c.period().contains(at))
          .ifPresent(candidates::add);
    }
    return candidates;
  }

  /** What one consent says to the query; empty when it does not speak to it. */
  static Optional<ProvisionType> evaluate(Consent consent, AccessQuery query) {
    if (consent.permitsNothing()) {
      return Optional.empty();
    }
    Provision root = consent.root();
    ProvisionType policy = consent.policy();
    if (root == null || (root.hasConditions() && !root.matches(query))) {
      return Optional.ofNullable(policy);
    }
    ProvisionType base = root.type() != null ? root.type() : policy;
    Evaluation evaluation = eval(root, base, query);
    if (base == null && !evaluation.childMatched()) {
      return Optional.empty();
    }
    return Optional.of(evaluation.type() != null ? evaluation.type() : ProvisionType.DENY);
  }

  private record Evaluation(ProvisionType type, boolean childMatched) {}

  private static Evaluation eval(Provision provision, ProvisionType base, AccessQuery query) {
    boolean permit = false;
    boolean matched = false;
    for (Provision child : provision.provisions()) {
      if (!child.matches(query)) {
        continue;
      }
      matched = true;
      ProvisionType result = eval(child, child.type(), query).type();
      if (result == ProvisionType.DENY) {
        return new Evaluation(ProvisionType.DENY, true);
      }
      permit |= result == ProvisionType.PERMIT;
    }
    return new Evaluation(permit ? ProvisionType.PERMIT : base, matched);
  }
}
