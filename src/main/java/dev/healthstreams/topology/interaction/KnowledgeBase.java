package dev.healthstreams.topology.interaction;

import java.util.List;

/** A validated knowledge file: the drug groups and the interactions between them. */
public record KnowledgeBase(List<DrugGroup> groups, List<Interaction> interactions) {
  /** Stands in for a knowledge file that cannot be used (the config load reports why). */
  public static final KnowledgeBase EMPTY = new KnowledgeBase(List.of(), List.of());

  public KnowledgeBase {
    groups = List.copyOf(groups);
    interactions = List.copyOf(interactions);
  }

  public InteractionIndex index() {
    return new InteractionIndex(interactions);
  }
}
