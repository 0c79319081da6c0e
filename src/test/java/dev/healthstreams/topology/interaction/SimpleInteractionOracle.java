package dev.healthstreams.topology.interaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.yaml.snakeyaml.Yaml;

/**
 * A deliberately simple simulation of medication-interaction over raw FHIR JSON and the knowledge
 * YAML, sharing no code with the topology: active sets per patient, in input order, and the alert
 * id of every interacting pair the first time it is seen.
 */
public final class SimpleInteractionOracle {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
  private static final Set<String> ACTIVE = Set.of("active", "on-hold");

  record Pair(String groupA, String groupB, String interactionId, String severity) {}

  private final Map<String, Set<String>> groupsByCode = new HashMap<>();
  private final List<Pair> interactions = new ArrayList<>();

  @SuppressWarnings("unchecked")
  public SimpleInteractionOracle(String knowledgeYaml) {
    Map<String, Object> root = new Yaml().load(knowledgeYaml);
    for (Map<String, Object> group : (List<Map<String, Object>>) root.get("groups")) {
      for (Object code : (List<Object>) group.get("rxnorm")) {
        groupsByCode
            .computeIfAbsent(String.valueOf(code), c -> new HashSet<>())
            .add((String) group.get("id"));
      }
    }
    for (Map<String, Object> interaction : (List<Map<String, Object>>) root.get("interactions")) {
      List<String> groups = (List<String>) interaction.get("groups");
      interactions.add(
          new Pair(
              groups.get(0),
              groups.get(1),
              (String) interaction.get("id"),
              String.valueOf(interaction.get("severity")).toUpperCase()));
    }
  }

  /** alertId -> severity of every pair that fires, in firing order. */
  public Map<String, String> run(List<Path> medicationFiles, List<Path> requestFiles) {
    Map<String, String> medicationCodes = new HashMap<>();
    for (Path file : medicationFiles) {
      for (JsonNode medication : lines(file)) {
        String code = rxnorm(medication.path("code"));
        if (code != null) {
          medicationCodes.put(medication.path("id").asText(), code);
        }
      }
    }
    Map<String, Map<String, String>> activeByPatient = new HashMap<>();
    Map<String, String> fired = new LinkedHashMap<>();
    for (Path file : requestFiles) {
      for (JsonNode request : lines(file)) {
        String patient = request.path("subject").path("reference").asText().replace("Patient/", "");
        String id = request.path("id").asText();
        String code = drugOf(request, medicationCodes);
        Map<String, String> active =
            activeByPatient.computeIfAbsent(patient, p -> new LinkedHashMap<>());
        if (!ACTIVE.contains(request.path("status").asText())) {
          active.remove(id);
          continue;
        }
        if (code == null || code.equals(active.get(id))) {
          continue;
        }
        active.put(id, code);
        for (var other : active.entrySet()) {
          if (!other.getKey().equals(id)) {
            for (Pair pair : interacting(code, other.getValue())) {
              String low = id.compareTo(other.getKey()) < 0 ? id : other.getKey();
              String high = low.equals(id) ? other.getKey() : id;
              fired.putIfAbsent(low + "+" + high + ":" + pair.interactionId(), pair.severity());
            }
          }
        }
      }
    }
    return fired;
  }

  private Set<Pair> interacting(String codeA, String codeB) {
    Set<String> a = groupsByCode.getOrDefault(codeA, Set.of());
    Set<String> b = groupsByCode.getOrDefault(codeB, Set.of());
    Set<Pair> found = new LinkedHashSet<>();
    for (Pair pair : interactions) {
      if ((a.contains(pair.groupA()) && b.contains(pair.groupB()))
          || (a.contains(pair.groupB()) && b.contains(pair.groupA()))) {
        found.add(pair);
      }
    }
    return found;
  }

  private static String drugOf(JsonNode request, Map<String, String> medicationCodes) {
    if (request.has("medicationCodeableConcept")) {
      return rxnorm(request.path("medicationCodeableConcept"));
    }
    String reference = request.path("medicationReference").path("reference").asText();
    if (reference.startsWith("#")) {
      for (JsonNode contained : request.path("contained")) {
        if (("#" + contained.path("id").asText()).equals(reference)) {
          return rxnorm(contained.path("code"));
        }
      }
      return null;
    }
    return medicationCodes.get(reference.substring(reference.lastIndexOf('/') + 1));
  }

  private static String rxnorm(JsonNode concept) {
    for (JsonNode coding : concept.path("coding")) {
      if (RXNORM.equals(coding.path("system").asText())) {
        return coding.path("code").asText();
      }
    }
    return null;
  }

  static List<JsonNode> lines(Path file) {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
      List<JsonNode> nodes = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          nodes.add(JSON.readTree(line));
        }
      }
      return nodes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
