package dev.healthstreams.topology.interaction;

import dev.healthstreams.config.ConfigNode;
import dev.healthstreams.config.Parsers;
import dev.healthstreams.config.SettingsReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a knowledge file's {@code groups} and {@code interactions} with the config machinery, so
 * that every problem is reported at once with its path and line. Like the settings readers it
 * records problems and carries on; an entry with an error is left out (the load fails anyway).
 */
final class KnowledgeFileReader implements SettingsReader<KnowledgeBase> {

  private static final Pattern ID = Pattern.compile(Parsers.ID_PATTERN);
  // RxNorm concept ids (RXCUIs) are plain integers.
  private static final Pattern RXCUI = Pattern.compile("[0-9]+");

  @Override
  public KnowledgeBase read(ConfigNode file) {
    // ConfigLoader.readSettings lets a topology block's `topics` through; a knowledge file has
    // none.
    if (file.has("topics")) {
      file.error("topics", "unknown key (allowed: groups, interactions)");
    }
    Set<String> declared = new HashSet<>();
    Map<String, DrugGroup> groups = readGroups(file, declared);
    List<Interaction> interactions = readInteractions(file, groups, declared);
    return new KnowledgeBase(List.copyOf(groups.values()), interactions);
  }

  /** The valid groups by id; {@code declared} gets every id written, valid group or not. */
  private static Map<String, DrugGroup> readGroups(ConfigNode file, Set<String> declared) {
    List<ConfigNode> nodes = file.list("groups");
    if (nodes.isEmpty()) {
      file.error("groups", "at least one group is required");
    }
    Map<String, DrugGroup> groups = new LinkedHashMap<>();
    for (ConfigNode node : nodes) {
      String id = node.value("id", Parsers.id()).required();
      boolean valid = ID.matcher(id).matches();
      if (valid && !declared.add(id)) {
        node.error("id", "duplicate group id '" + id + "'");
        valid = false;
      }
      String name = node.value("name", Parsers.nonEmpty()).required();
      Set<String> codes = readCodes(node);
      if (valid && !name.isEmpty() && !codes.isEmpty()) {
        groups.put(id, new DrugGroup(id, name, codes));
      }
    }
    return groups;
  }

  /** The group's codes; empty after recording an error. */
  private static Set<String> readCodes(ConfigNode node) {
    if (!node.has("rxnorm")) {
      node.error("rxnorm", "is required");
      return Set.of();
    }
    List<String> listed = node.values("rxnorm", Parsers.string()).orElse(List.of());
    if (listed.isEmpty()) {
      node.error("rxnorm", "at least one RxNorm code is required");
      return Set.of();
    }
    Set<String> codes = new LinkedHashSet<>();
    boolean valid = true;
    for (String code : listed) {
      if (!RXCUI.matcher(code).matches()) {
        node.error("rxnorm", "'" + code + "' is not an RxNorm code (digits only)");
        valid = false;
      } else if (!codes.add(code)) {
        node.error("rxnorm", "'" + code + "' is listed twice");
        valid = false;
      }
    }
    return valid ? codes : Set.of();
  }

  private static List<Interaction> readInteractions(
      ConfigNode file, Map<String, DrugGroup> groups, Set<String> declared) {
    List<ConfigNode> nodes = file.list("interactions");
    if (nodes.isEmpty()) {
      file.error("interactions", "at least one interaction is required");
    }
    List<Interaction> interactions = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ConfigNode node : nodes) {
      String id = node.value("id", Parsers.id()).required();
      boolean valid = ID.matcher(id).matches();
      if (valid && !seen.add(id)) {
        node.error("id", "duplicate interaction id '" + id + "'");
        valid = false;
      }
      List<DrugGroup> pair = readPair(node, groups, declared);
      // Null when missing or bad (reported): the entry is left out, not read as some severity.
      InteractionSeverity severity =
          node.value("severity", Parsers.kebabEnum(InteractionSeverity.class)).required();
      String description = node.value("description", Parsers.nonEmpty()).required();
      String management = node.value("management", Parsers.string()).optional().orElse(null);
      String source = node.value("source", Parsers.string()).optional().orElse(null);
      if (valid && pair.size() == 2 && severity != null && !description.isBlank()) {
        interactions.add(
            new Interaction(
                id, pair.get(0), pair.get(1), severity, description, management, source));
      }
    }
    return interactions;
  }

  /** The two groups, or fewer after recording an error. */
  private static List<DrugGroup> readPair(
      ConfigNode node, Map<String, DrugGroup> groups, Set<String> declared) {
    if (!node.has("groups")) {
      node.error("groups", "is required");
      return List.of();
    }
    List<String> ids = node.values("groups", Parsers.string()).orElse(List.of());
    if (ids.size() != 2) {
      node.error("groups", "must name exactly 2 groups, found " + ids.size());
      return List.of();
    }
    List<DrugGroup> pair = new ArrayList<>(2);
    for (String id : ids) {
      DrugGroup group = groups.get(id);
      if (group != null) {
        pair.add(group);
      } else if (!declared.contains(id)) {
        // A declared group with errors has been reported already: no follow-up error here.
        node.error("groups", "'" + id + "' is not a group id defined under groups");
      }
    }
    return pair;
  }
}
