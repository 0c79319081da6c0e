package dev.healthstreams.topology.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.yaml.snakeyaml.Yaml;

/**
 * An independent, deliberately naive re-implementation of the observation-alerting semantics, for
 * checking the topology's output end to end. It reads the rules with plain SnakeYAML and the
 * Observations with a Jackson tree, and shares no code with src/main: rule matching, comparison,
 * ordering, suppression and deduplication are written out again here from the specification.
 *
 * <p>It never converts units: when an element's UCUM code differs from its rule's unit it throws,
 * so a data set that needs conversion is noticed rather than silently mis-evaluated.
 */
public final class SimpleAlertOracle {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SEVERITY_ORDER = List.of("critical", "high", "medium", "low");

  /** One rule as written in topologies.yaml; {@code order} is its position in the file. */
  public record Rule(
      int order,
      String id,
      String system,
      String code,
      String comparator,
      double threshold,
      String unit,
      String severity,
      Duration suppressFor,
      String group) {

    int rank() {
      int rank = SEVERITY_ORDER.indexOf(severity);
      if (rank < 0) {
        throw new IllegalStateException("rule " + id + ": unknown severity " + severity);
      }
      return rank;
    }

    boolean matches(double value) {
      return switch (comparator) {
        case "gt" -> value > threshold;
        case "ge" -> value >= threshold;
        case "lt" -> value < threshold;
        case "le" -> value <= threshold;
        case "eq" -> value == threshold;
        case "ne" -> value != threshold;
        default -> throw new IllegalStateException("rule " + id + ": comparator " + comparator);
      };
    }
  }

  /** The observation-alerting block: its statuses and its rules in file order. */
  public record Spec(Set<String> statuses, List<Rule> rules) {}

  /** A rule firing on an Observation; severity upper case, as in the Avro enum. */
  public record Alert(
      String alertId,
      String ruleId,
      String observationId,
      String patientId,
      String severity,
      double value,
      Instant effectiveTime) {}

  /**
   * What the topology should produce: every firing, the alerts left after suppression, and how many
   * firings were dropped as duplicates (same alert id and value as an earlier one).
   */
  public record Result(List<Alert> firings, List<Alert> emitted, int duplicates) {}

  private SimpleAlertOracle() {}

  /** Reads topologies.observation-alerting's statuses and rules from a topologies.yaml. */
  @SuppressWarnings("unchecked")
  public static Spec readSpec(Path topologiesYaml) {
    Map<String, Object> root;
    try (InputStream in = Files.newInputStream(topologiesYaml)) {
      root = new Yaml().load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Object> topologies = (Map<String, Object>) root.get("topologies");
    Map<String, Object> block = (Map<String, Object>) topologies.get("observation-alerting");
    Set<String> statuses = new LinkedHashSet<>((List<String>) block.get("statuses"));
    List<Rule> rules = new ArrayList<>();
    List<Map<String, Object>> written = (List<Map<String, Object>>) block.get("rules");
    for (int i = 0; i < written.size(); i++) {
      Map<String, Object> r = written.get(i);
      String id = (String) r.get("id");
      String systemAndCode = (String) r.get("code");
      int bar = systemAndCode.indexOf('|');
      Object suppressFor = r.get("suppress-for");
      Object group = r.get("suppress-group");
      rules.add(
          new Rule(
              i,
              id,
              systemAndCode.substring(0, bar),
              systemAndCode.substring(bar + 1),
              (String) r.get("comparator"),
              ((Number) r.get("threshold")).doubleValue(),
              (String) r.get("unit"),
              (String) r.get("severity"),
              suppressFor == null ? null : Duration.parse(suppressFor.toString()),
              group == null ? id : group.toString()));
    }
    return new Spec(statuses, rules);
  }

  /** Evaluates, suppresses and deduplicates the Observations of the files, in order. */
  public static Result run(Spec spec, List<Path> observationFiles) {
    List<Alert> firings = new ArrayList<>();
    List<Alert> emitted = new ArrayList<>();
    Map<String, List<Alert>> emittedByPatientGroup = new HashMap<>();
    Map<String, Rule> rulesById = new HashMap<>();
    spec.rules().forEach(rule -> rulesById.put(rule.id(), rule));
    Set<String> seen = new HashSet<>();
    int duplicates = 0;
    for (Path file : observationFiles) {
      for (JsonNode observation : readLines(file)) {
        for (Alert alert : evaluate(spec, observation)) {
          firings.add(alert);
          if (!seen.add(alert.alertId() + "=" + alert.value())) {
            duplicates++;
            continue;
          }
          Rule rule = rulesById.get(alert.ruleId());
          if (rule.suppressFor() == null || rule.suppressFor().isZero()) {
            emitted.add(alert); // never suppressed, and suppresses nothing
            continue;
          }
          List<Alert> earlier =
              emittedByPatientGroup.computeIfAbsent(
                  alert.patientId() + "|" + rule.group(), k -> new ArrayList<>());
          boolean suppressed = false;
          for (Alert prior : earlier) {
            long distance =
                Math.abs(Duration.between(prior.effectiveTime(), alert.effectiveTime()).toMillis());
            boolean priorAtLeastAsSevere =
                SEVERITY_ORDER.indexOf(prior.severity().toLowerCase())
                    <= SEVERITY_ORDER.indexOf(alert.severity().toLowerCase());
            if (distance < rule.suppressFor().toMillis() && priorAtLeastAsSevere) {
              suppressed = true;
              break;
            }
          }
          if (!suppressed) {
            earlier.add(alert);
            emitted.add(alert);
          }
        }
      }
    }
    return new Result(firings, emitted, duplicates);
  }

  /** The firings of one Observation, most severe first, ties in file order of the rules. */
  static List<Alert> evaluate(Spec spec, JsonNode observation) {
    if (!"Observation".equals(observation.path("resourceType").asText())
        || !spec.statuses().contains(observation.path("status").asText())) {
      return List.of();
    }
    List<JsonNode> elements = new ArrayList<>();
    elements.add(observation);
    observation.path("component").forEach(elements::add);
    String id = observation.path("id").asText();
    String reference = observation.path("subject").path("reference").asText();
    String patientId = reference.substring(reference.lastIndexOf('/') + 1);

    List<Rule> fired = new ArrayList<>();
    Map<String, Double> valueByRule = new HashMap<>();
    for (Rule rule : spec.rules()) {
      JsonNode element = firstCarrying(elements, rule);
      if (element == null) {
        continue;
      }
      JsonNode quantity = element.path("valueQuantity");
      JsonNode number = quantity.isObject() ? quantity.get("value") : element.get("valueInteger");
      if (number == null || !number.isNumber()) {
        continue; // no numeric value: the rule is skipped for this Observation
      }
      if (rule.unit() != null) {
        String unit = quantity.path("code").asText(null);
        if (!rule.unit().equals(unit)) {
          throw new IllegalStateException(
              "Observation/"
                  + id
                  + ": unit '"
                  + unit
                  + "' differs from rule "
                  + rule.id()
                  + "'s '"
                  + rule.unit()
                  + "'; this oracle does not convert units");
        }
      }
      if (rule.matches(number.doubleValue())) {
        fired.add(rule);
        valueByRule.put(rule.id(), number.doubleValue());
      }
    }
    fired.sort(java.util.Comparator.comparingInt(Rule::rank).thenComparingInt(Rule::order));
    Instant effective = effectiveTime(observation);
    List<Alert> alerts = new ArrayList<>();
    for (Rule rule : fired) {
      alerts.add(
          new Alert(
              id + ":" + rule.id(),
              rule.id(),
              id,
              patientId,
              rule.severity().toUpperCase(),
              valueByRule.get(rule.id()),
              effective));
    }
    return alerts;
  }

  private static JsonNode firstCarrying(List<JsonNode> elements, Rule rule) {
    for (JsonNode element : elements) {
      for (JsonNode coding : element.path("code").path("coding")) {
        if (rule.system().equals(coding.path("system").asText(null))
            && rule.code().equals(coding.path("code").asText(null))) {
          return element;
        }
      }
    }
    return null;
  }

  private static Instant effectiveTime(JsonNode observation) {
    String text = observation.path("effectiveDateTime").asText(null);
    if (text == null) {
      text = observation.path("effectiveInstant").asText(null);
    }
    if (text == null) {
      text = observation.path("effectivePeriod").path("start").asText(null);
    }
    if (text == null) {
      throw new IllegalStateException(
          "Observation/" + observation.path("id").asText() + " has no effective time");
    }
    if (text.length() == 10) {
      return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    return OffsetDateTime.parse(text).toInstant();
  }

  /** The JSON objects of an NDJSON file, gzipped or not (by name); blank lines skipped. */
  public static List<JsonNode> readLines(Path file) {
    List<JsonNode> nodes = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          nodes.add(JSON.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return nodes;
  }
}
