package dev.healthstreams.topology.interaction;

import dev.healthstreams.avro.KnowledgeGroup;
import dev.healthstreams.avro.KnowledgeInteraction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Interactions as published on the knowledge topic (one self-contained record each) and back. */
final class KnowledgeRecords {
  private KnowledgeRecords() {}

  static Map<String, KnowledgeInteraction> of(KnowledgeBase knowledge) {
    Map<String, KnowledgeInteraction> records = new LinkedHashMap<>();
    for (Interaction interaction : knowledge.interactions()) {
      records.put(interaction.id(), toRecord(interaction));
    }
    return records;
  }

  static KnowledgeInteraction toRecord(Interaction interaction) {
    return KnowledgeInteraction.newBuilder()
        .setInteractionId(interaction.id())
        .setGroupA(toRecord(interaction.a()))
        .setGroupB(toRecord(interaction.b()))
        .setSeverity(
            dev.healthstreams.avro.InteractionSeverity.valueOf(interaction.severity().name()))
        .setDescription(interaction.description())
        .setManagement(interaction.management())
        .setSource(interaction.source())
        .build();
  }

  static Interaction toInteraction(KnowledgeInteraction record) {
    return new Interaction(
        record.getInteractionId(),
        toGroup(record.getGroupA()),
        toGroup(record.getGroupB()),
        InteractionSeverity.valueOf(record.getSeverity().name()),
        record.getDescription(),
        record.getManagement(),
        record.getSource());
  }

  private static KnowledgeGroup toRecord(DrugGroup group) {
    // Sorted so that an unchanged file serializes to the same bytes and seeding writes nothing.
    return KnowledgeGroup.newBuilder()
        .setGroupId(group.id())
        .setName(group.name())
        .setRxnorm(List.copyOf(new TreeSet<>(group.rxnorm())))
        .build();
  }

  private static DrugGroup toGroup(KnowledgeGroup record) {
    return new DrugGroup(record.getGroupId(), record.getName(), Set.copyOf(record.getRxnorm()));
  }
}
