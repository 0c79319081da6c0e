package dev.healthstreams.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment a container of a manifest would see, resolved as the kubelet resolves it: {@code
 * HOSTNAME} (the pod name), then {@code envFrom} ConfigMaps, then {@code env} in order, where
 * {@code $(NAME)} expands only variables defined before it. Downward-API fields take sample values
 * (the pod name of ordinal 0, namespace {@value #NAMESPACE}); Secret keys their placeholder.
 */
record PodEnvironment(
    Map<String, String> values, Set<String> set, Set<String> referenced, List<String> problems) {
  static final String NAMESPACE = "healthstreams-test";
  private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

  static PodEnvironment of(JsonNode container, String podName, Kustomization k, String where) {
    Map<String, String> values = new LinkedHashMap<>();
    Set<String> set = new LinkedHashSet<>();
    Set<String> referenced = new LinkedHashSet<>();
    List<String> problems = new ArrayList<>();
    values.put("HOSTNAME", podName);
    for (JsonNode from : container.path("envFrom")) {
      String name = from.path("configMapRef").path("name").asText();
      Map<String, String> data = k.configMaps().get(name);
      if (data == null) {
        problems.add(where + ": envFrom ConfigMap " + name + " is not generated");
      } else {
        values.putAll(data);
        set.addAll(data.keySet());
      }
    }
    for (JsonNode env : container.path("env")) {
      String name = env.path("name").asText();
      set.add(name);
      if (env.has("value")) {
        values.put(name, expand(env.path("value").asText(), values, referenced, problems, where));
      } else {
        values.put(
            name, valueFrom(env.path("valueFrom"), podName, k, problems, where + " " + name));
      }
    }
    return new PodEnvironment(values, set, referenced, problems);
  }

  private static String expand(
      String value,
      Map<String, String> defined,
      Set<String> referenced,
      List<String> problems,
      String where) {
    Matcher m = REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      referenced.add(name);
      String replacement = defined.get(name);
      if (replacement == null) {
        // Kubernetes leaves an undefined $(NAME) as it is: the app would see the literal text.
        problems.add(where + ": $(" + name + ") is not defined before it is used");
        replacement = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String valueFrom(
      JsonNode from, String podName, Kustomization k, List<String> problems, String where) {
    if (from.has("fieldRef")) {
      return switch (from.path("fieldRef").path("fieldPath").asText()) {
        case "metadata.name" -> podName;
        case "metadata.namespace" -> NAMESPACE;
        default -> "sample-" + from.path("fieldRef").path("fieldPath").asText();
      };
    }
    if (from.has("secretKeyRef")) {
      String secret = from.path("secretKeyRef").path("name").asText();
      String key = from.path("secretKeyRef").path("key").asText();
      return k.resources("Secret").stream()
          .filter(r -> r.name().equals(secret))
          .map(r -> r.node().path("stringData").path(key))
          .filter(JsonNode::isTextual)
          .map(JsonNode::asText)
          .findFirst()
          .orElseGet(
              () -> {
                problems.add(where + ": Secret " + secret + " has no key " + key);
                return "";
              });
    }
    problems.add(where + ": valueFrom " + from + " is not checked");
    return "";
  }
}
