package dev.healthstreams.topology.canonical;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The blocking index entries of a source record: for each search parameter the rule file's
 * candidate searches use, {@code param=value} per value (normalized as matching normalizes). A
 * candidate must share a value of every parameter of one search.
 */
public final class BlockingKeys {
  private final MatchRules rules;

  public BlockingKeys(MatchRules rules) {
    this.rules = rules;
  }

  /** Every index key of the record, over every parameter any search uses. */
  public Set<String> of(Demographics d) {
    Set<String> keys = new LinkedHashSet<>();
    for (Set<MatchRules.BlockingParam> search : rules.candidateSearches()) {
      for (MatchRules.BlockingParam param : search) {
        keys.addAll(keys(param, d));
      }
    }
    return keys;
  }

  /** The record's index keys of one parameter: any of them finds a candidate for it. */
  public List<String> keys(MatchRules.BlockingParam param, Demographics d) {
    List<String> values = new ArrayList<>();
    switch (param) {
      case BIRTHDATE -> add(values, d.birthDate());
      case FAMILY -> add(values, Matcher.normalize(d.family(), true));
      case GIVEN -> d.given().forEach(g -> add(values, Matcher.normalize(g, true)));
      case PHONE -> add(values, Matcher.digits(d.telecom()));
      case IDENTIFIER -> d.identifiers().forEach(i -> add(values, i.system() + "|" + i.value()));
      case POSTAL_CODE ->
          add(values, d.address() == null ? null : Matcher.zip5(d.address().postalCode()));
      case GENDER -> add(values, d.gender());
    }
    return values.stream().map(v -> param.searchName() + "=" + v).toList();
  }

  private static void add(List<String> values, String value) {
    if (value != null && !value.isBlank()) {
      values.add(value);
    }
  }
}
