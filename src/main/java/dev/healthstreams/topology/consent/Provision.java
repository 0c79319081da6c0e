package dev.healthstreams.topology.consent;

import java.util.List;

/**
 * One rule of a consent, at any nesting level: what it says ({@code type}, absent on a root that
 * leaves it to the policy) and the conditions under which it applies. An empty list or a null
 * period is a condition not specified, which any request meets (a consent event's grant with an
 * empty list permits no one instead: {@link Consent#permitsNothing()}).
 *
 * @param classes FHIR {@code class} codes, or a consent event's data categories
 * @param codes FHIR {@code code} codes; a request's category may name a class or a code
 */
public record Provision(
    ProvisionType type,
    Period period,
    List<Actor> actors,
    List<String> actions,
    List<String> purposes,
    List<String> classes,
    List<String> codes,
    Period dataPeriod,
    List<Provision> provisions) {

  public Provision {
    actors = actors == null ? List.of() : List.copyOf(actors);
    actions = actions == null ? List.of() : List.copyOf(actions);
    purposes = purposes == null ? List.of() : List.copyOf(purposes);
    classes = classes == null ? List.of() : List.copyOf(classes);
    codes = codes == null ? List.of() : List.copyOf(codes);
    provisions = provisions == null ? List.of() : List.copyOf(provisions);
  }

  /** Whether the request meets every condition this provision specifies (not its children's). */
  public boolean matches(AccessQuery query) {
    return (actors.isEmpty() || actors.stream().anyMatch(a -> a.matches(query.requester())))
        && (actions.isEmpty() || actions.contains(query.action()))
        && (purposes.isEmpty() || purposes.contains(query.purpose()))
        && matchesData(query.category())
        && (period == null || period.contains(query.at()))
        && (dataPeriod == null
            || query.dataDate() == null
            || dataPeriod.contains(query.dataDate()));
  }

  private boolean matchesData(String category) {
    if (classes.isEmpty() && codes.isEmpty()) {
      return true;
    }
    return category != null && (classes.contains(category) || codes.contains(category));
  }

  /** Whether it says nothing about who, what, why or when: a bare root. */
  public boolean hasConditions() {
    return !actors.isEmpty()
        || !actions.isEmpty()
        || !purposes.isEmpty()
        || !classes.isEmpty()
        || !codes.isEmpty()
        || period != null
        || dataPeriod != null;
  }
}
