package dev.healthstreams.topology.canonical;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.config.ConfigError;
import dev.healthstreams.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a HAPI-MDM-shaped rule file ("classpath:/..." or a file path). Every problem is collected
 * with its JSON path, and the whole list thrown as one {@link ConfigException}. Keys HAPI has and
 * matching here does not use ({@code version}, {@code mdmTypes}, {@code resourceType}, {@code
 * candidateFilterSearchParams}, and {@code comment}: JSON has none, so each rule explains itself in
 * a {@code comment} field) are accepted and ignored.
 */
public final class MatchRulesReader {
  public static final String CLASSPATH_PREFIX = "classpath:";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<ConfigError> errors = new ArrayList<>();
  private final String location;

  private MatchRulesReader(String location) {
    this.location = location;
  }

  public static MatchRules load(String location) {
    return parse(readText(location), location);
  }

  public static MatchRules parse(String json, String location) {
    MatchRulesReader reader = new MatchRulesReader(location);
    MatchRules rules = reader.read(json);
    if (!reader.errors.isEmpty()) {
      throw new ConfigException(reader.errors);
    }
    return rules;
  }

  private MatchRules read(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      error("", "is not valid JSON");
      return null;
    }
    if (root == null || !root.isObject()) {
      error("", "must be a JSON object");
      return null;
    }
    List<Set<MatchRules.BlockingParam>> searches = searches(root.path("candidateSearchParams"));
    List<MatchRules.MatchField> fields = fields(root.path("matchFields"));
    // Every declared name, valid or not: a broken field is reported once, not again per use.
    Set<String> names = new LinkedHashSet<>();
    root.path("matchFields").forEach(f -> names.add(f.path("name").asText("")));
    Map<Set<String>, MatchResult> resultMap = resultMap(root.path("matchResultMap"), names);
    return new MatchRules(searches, fields, resultMap, eidSystems(root));
  }

  private List<Set<MatchRules.BlockingParam>> searches(JsonNode node) {
    List<Set<MatchRules.BlockingParam>> searches = new ArrayList<>();
    if (!node.isArray() || node.isEmpty()) {
      error("candidateSearchParams", "must list at least one search (blocking)");
      return searches;
    }
    for (int i = 0; i < node.size(); i++) {
      String path = "candidateSearchParams[" + i + "].searchParams";
      JsonNode params = node.get(i).path("searchParams");
      if (!params.isArray() || params.isEmpty()) {
        error(path, "must list search parameters");
        continue;
      }
      Set<MatchRules.BlockingParam> search = EnumSet.noneOf(MatchRules.BlockingParam.class);
      for (JsonNode param : params) {
        MatchRules.BlockingParam blocking = MatchRules.BlockingParam.of(param.asText());
        if (blocking == null) {
          error(path, "'" + param.asText() + "' is not one of " + blockingNames());
        } else {
          search.add(blocking);
        }
      }
      if (!search.isEmpty()) {
        searches.add(search);
      }
    }
    return searches;
  }

  private List<MatchRules.MatchField> fields(JsonNode node) {
    List<MatchRules.MatchField> fields = new ArrayList<>();
    if (!node.isArray() || node.isEmpty()) {
      error("matchFields", "must list at least one match field");
      return fields;
    }
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < node.size(); i++) {
      MatchRules.MatchField field = field(node.get(i), "matchFields[" + i + "]");
      if (field != null && !seen.add(field.name())) {
        error("matchFields[" + i + "].name", "'" + field.name() + "' is used twice");
      } else if (field != null) {
        fields.add(field);
      }
    }
    return fields;
  }

  private MatchRules.MatchField field(JsonNode node, String path) {
    String name = node.path("name").asText("");
    if (name.isBlank()) {
      error(path + ".name", "is required");
      return null;
    }
    String resourcePath = node.path("resourcePath").asText("");
    MatchRules.FieldPath fieldPath = MatchRules.FieldPath.of(resourcePath);
    if (fieldPath == null) {
      error(
          path + ".resourcePath",
          "'"
              + resourcePath
              + "' is not one of "
              + Arrays.stream(MatchRules.FieldPath.values())
                  .map(MatchRules.FieldPath::path)
                  .collect(Collectors.joining(", ")));
    }
    boolean hasMatcher = node.has("matcher");
    boolean hasSimilarity = node.has("similarity");
    if (hasMatcher == hasSimilarity) {
      error(path, "needs exactly one of matcher or similarity");
      return null;
    }
    JsonNode spec = hasMatcher ? node.get("matcher") : node.get("similarity");
    String algorithmName = spec.path("algorithm").asText("");
    MatchRules.Algorithm algorithm = algorithm(algorithmName);
    String where = path + (hasMatcher ? ".matcher" : ".similarity") + ".algorithm";
    if (algorithm == null || algorithm.isSimilarity() != hasSimilarity) {
      error(
          where,
          "'"
              + algorithmName
              + "' is not one of "
              + Arrays.stream(MatchRules.Algorithm.values())
                  .filter(a -> a.isSimilarity() == hasSimilarity)
                  .map(Enum::name)
                  .collect(Collectors.joining(", ")));
      return null;
    }
    double threshold = 0;
    if (hasSimilarity) {
      JsonNode value = spec.get("matchThreshold");
      if (value == null || !value.isNumber() || value.asDouble() <= 0 || value.asDouble() > 1) {
        error(path + ".similarity.matchThreshold", "must be a number in (0, 1]");
        return null;
      }
      threshold = value.asDouble();
    }
    String identifierSystem = spec.path("identifierSystem").asText(null);
    if (algorithm == MatchRules.Algorithm.IDENTIFIER && identifierSystem == null) {
      error(path + ".matcher.identifierSystem", "is required for IDENTIFIER");
      return null;
    }
    if (algorithm == MatchRules.Algorithm.NAME_ANY_ORDER
        && fieldPath != MatchRules.FieldPath.NAME) {
      error(path + ".resourcePath", "NAME_ANY_ORDER compares the whole name: use 'name'");
      return null;
    }
    if (fieldPath == null) {
      return null;
    }
    return new MatchRules.MatchField(
        name,
        fieldPath,
        algorithm,
        spec.path("exact").asBoolean(false),
        threshold,
        identifierSystem);
  }

  private Map<Set<String>, MatchResult> resultMap(JsonNode node, Set<String> names) {
    Map<Set<String>, MatchResult> map = new LinkedHashMap<>();
    if (!node.isObject() || node.isEmpty()) {
      error("matchResultMap", "must map at least one combination of fields to a result");
      return map;
    }
    Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      String path = "matchResultMap." + entry.getKey();
      Set<String> combination = new LinkedHashSet<>();
      for (String name : entry.getKey().split(",")) {
        String trimmed = name.trim();
        if (!names.contains(trimmed)) {
          error(path, "names no match field '" + trimmed + "'");
        }
        combination.add(trimmed);
      }
      String result = entry.getValue().asText("");
      if (!result.equals("MATCH") && !result.equals("POSSIBLE_MATCH")) {
        error(path, "'" + result + "' is not MATCH or POSSIBLE_MATCH");
        continue;
      }
      map.put(Set.copyOf(combination), MatchResult.valueOf(result));
    }
    return map;
  }

  /**
   * {@code eidSystems} (resource type to system, as HAPI 6+) or the older single {@code eidSystem}.
   */
  private Set<String> eidSystems(JsonNode root) {
    Set<String> systems = new LinkedHashSet<>();
    JsonNode many = root.get("eidSystems");
    if (many != null) {
      if (!many.isObject()) {
        error("eidSystems", "must map resource types to identifier systems");
      } else {
        many.fields()
            .forEachRemaining(
                e -> {
                  if (e.getKey().equals("Patient") || e.getKey().equals("*")) {
                    systems.add(e.getValue().asText());
                  }
                });
      }
    }
    JsonNode one = root.get("eidSystem");
    if (one != null && one.isTextual()) {
      systems.add(one.asText());
    }
    return systems;
  }

  private static MatchRules.Algorithm algorithm(String name) {
    try {
      return MatchRules.Algorithm.valueOf(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String blockingNames() {
    return Arrays.stream(MatchRules.BlockingParam.values())
        .map(MatchRules.BlockingParam::searchName)
        .collect(Collectors.joining(", "));
  }

  private void error(String path, String message) {
    errors.add(new ConfigError(location + (path.isEmpty() ? "" : "#" + path), 0, message));
  }

  private static String readText(String location) {
    try {
      if (location.startsWith(CLASSPATH_PREFIX)) {
        String resource = location.substring(CLASSPATH_PREFIX.length());
        try (InputStream in = MatchRulesReader.class.getResourceAsStream(resource)) {
          if (in == null) {
            throw unreadable(location, "rule file not found on the classpath");
          }
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      return Files.readString(Path.of(location), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw unreadable(location, "rule file not found");
    } catch (IOException e) {
      throw unreadable(location, "rule file cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static ConfigException unreadable(String location, String message) {
    return new ConfigException(List.of(new ConfigError(location, 0, message)));
  }
}
