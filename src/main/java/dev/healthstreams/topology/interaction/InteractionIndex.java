package dev.healthstreams.topology.interaction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks up the interactions between two drug codes. Built once per knowledge change and queried per
 * pair of active requests, so lookups do no scanning: each code maps to the few interactions one of
 * whose groups holds it, and only those are matched against the other code. Keyed by code rather
 * than by group id because interactions embed their groups: two interactions may carry different
 * versions of a group while the knowledge topic is being updated. Immutable.
 */
public final class InteractionIndex {

  public static final InteractionIndex EMPTY = new InteractionIndex(List.of());

  private final Map<String, List<Interaction>> byCode;
  private final int size;

  /** Interactions with the same id: the later one wins, as on a compacted knowledge topic. */
  public InteractionIndex(Collection<Interaction> interactions) {
    Map<String, Interaction> byId = new LinkedHashMap<>();
    for (Interaction interaction : interactions) {
      byId.remove(interaction.id());
      byId.put(interaction.id(), interaction);
    }
    Map<String, List<Interaction>> index = new HashMap<>();
    for (Interaction interaction : byId.values()) {
      addCodes(index, interaction.a(), interaction);
      if (!interaction.b().equals(interaction.a())) {
        addCodes(index, interaction.b(), interaction);
      }
    }
    index.replaceAll((code, list) -> List.copyOf(list));
    this.byCode = Map.copyOf(index);
    this.size = byId.size();
  }

  private static void addCodes(
      Map<String, List<Interaction>> index, DrugGroup group, Interaction interaction) {
    for (String code : group.rxnorm()) {
      List<Interaction> list = index.computeIfAbsent(code, c -> new ArrayList<>(2));
      // A code in both groups of an interaction would otherwise list it twice.
      if (list.isEmpty() || list.get(list.size() - 1) != interaction) {
        list.add(interaction);
      }
    }
  }

  /**
   * Every interaction one of whose groups holds {@code codeA} and the other {@code codeB}, in
   * either orientation, each once; empty when none (or either code is null).
   */
  public List<Interaction> between(String codeA, String codeB) {
    if (codeA == null || codeB == null) {
      return List.of();
    }
    List<Interaction> candidates = byCode.getOrDefault(codeA, List.of());
    List<Interaction> found = new ArrayList<>(0);
    for (Interaction interaction : candidates) {
      if (interaction.matches(codeA, codeB)) {
        found.add(interaction);
      }
    }
    return List.copyOf(found);
  }

  /** Whether any interaction involves the code, to skip checking drugs that interact with none. */
  public boolean involves(String code) {
    return code != null && byCode.containsKey(code);
  }

  /** The number of distinct interactions indexed. */
  public int size() {
    return size;
  }
}
