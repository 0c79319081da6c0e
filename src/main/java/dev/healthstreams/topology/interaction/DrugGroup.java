package dev.healthstreams.topology.interaction;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A set of drugs that interact alike, e.g. all NSAIDs, named by their RxNorm codes (ingredient and
 * clinical-drug codes, since requests name clinical drugs).
 *
 * @param id kebab-case, unique in a knowledge base
 * @param rxnorm the codes, in file order (so that what is published is stable)
 */
public record DrugGroup(String id, String name, Set<String> rxnorm) {

  public DrugGroup {
    rxnorm = Collections.unmodifiableSet(new LinkedHashSet<>(rxnorm));
  }

  public boolean contains(String code) {
    return rxnorm.contains(code);
  }
}
