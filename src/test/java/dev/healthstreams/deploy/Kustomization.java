package dev.healthstreams.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Kustomize directory read the way {@code kubectl apply -k} reads it, bases followed: its
 * resources, its ConfigMap generators (merged as Kustomize merges them) and, as {@link #problems},
 * every reference that would not resolve: a missing file or base, a patch or merge that targets
 * nothing, an image override that names no image. Patches are checked, not applied.
 */
final class Kustomization {
  private static final YAMLMapper YAML = new YAMLMapper();

  /** One parsed manifest and the file it came from. */
  record Resource(Path file, JsonNode node) {
    String kind() {
      return node.path("kind").asText();
    }

    String name() {
      return node.path("metadata").path("name").asText();
    }
  }

  private final Path dir;
  private final List<Resource> resources = new ArrayList<>();
  private final Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();

  private Kustomization(Path dir) {
    this.dir = dir;
  }

  static Kustomization load(Path dir) {
    Kustomization k = new Kustomization(dir);
    k.read();
    return k;
  }

  List<Resource> resources() {
    return resources;
  }

  List<Resource> resources(String kind) {
    return resources.stream().filter(r -> r.kind().equals(kind)).toList();
  }

  /** Generated ConfigMaps by name: key to value (a file's key is its name, its value the text). */
  Map<String, Map<String, String>> configMaps() {
    return configMaps;
  }

  List<String> problems() {
    return problems;
  }

  static List<JsonNode> documents(Path file) {
    try (MappingIterator<JsonNode> docs =
        YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      List<JsonNode> out = new ArrayList<>();
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          out.add(doc);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
  }

  static JsonNode yaml(String text) {
    try {
      JsonNode node = YAML.readTree(text);
      return node == null ? YAML.createObjectNode() : node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void read() {
    Path file = dir.resolve("kustomization.yaml");
    if (!Files.isRegularFile(file)) {
      problems.add(dir + ": no kustomization.yaml");
      return;
    }
    JsonNode spec = documents(file).get(0);
    for (JsonNode entry : spec.path("resources")) {
      Path target = dir.resolve(entry.asText()).normalize();
      if (Files.isDirectory(target)) {
        Kustomization base = load(target);
        resources.addAll(base.resources);
        base.configMaps.forEach((name, data) -> configMaps.put(name, new LinkedHashMap<>(data)));
        problems.addAll(base.problems);
      } else if (Files.isRegularFile(target)) {
        documents(target).forEach(doc -> resources.add(new Resource(target, doc)));
      } else {
        problems.add(file + ": resource " + entry.asText() + " does not exist");
      }
    }
    spec.path("configMapGenerator").forEach(generator -> generate(file, generator));
    spec.path("patches").forEach(patch -> checkPatch(file, patch));
    spec.path("images").forEach(image -> checkImage(file, image.path("name").asText()));
  }

  private void generate(Path file, JsonNode generator) {
    String name = generator.path("name").asText();
    String behavior = generator.path("behavior").asText("create");
    Map<String, String> data = new LinkedHashMap<>();
    for (JsonNode literal : generator.path("literals")) {
      String text = literal.asText();
      int eq = text.indexOf('=');
      data.put(text.substring(0, eq), text.substring(eq + 1));
    }
    for (JsonNode source : generator.path("files")) {
      String text = source.asText();
      int eq = text.indexOf('=');
      Path path = dir.resolve(eq < 0 ? text : text.substring(eq + 1)).normalize();
      String key = eq < 0 ? path.getFileName().toString() : text.substring(0, eq);
      if (!path.startsWith(dir)) {
        // kubectl's load restrictor refuses files outside the kustomization's directory.
        problems.add(file + ": generator " + name + " reads " + text + " outside " + dir);
      } else if (!Files.isRegularFile(path)) {
        problems.add(file + ": generator " + name + " reads " + text + ", which does not exist");
      } else {
        data.put(key, read(path));
      }
    }
    boolean exists = configMaps.containsKey(name);
    switch (behavior) {
      case "create" -> {
        if (exists) {
          problems.add(file + ": generator " + name + " is created twice (merge it instead)");
        }
        configMaps.put(name, data);
      }
      case "merge", "replace" -> {
        if (!exists) {
          problems.add(file + ": generator " + name + " " + behavior + "s a ConfigMap no base has");
        } else if (behavior.equals("merge")) {
          configMaps.get(name).putAll(data);
        } else {
          configMaps.put(name, data);
        }
      }
      default -> problems.add(file + ": generator " + name + " has behavior " + behavior);
    }
  }

  private void checkPatch(Path file, JsonNode patch) {
    if (!patch.has("path")) {
      problems.add(file + ": only patch files are checked; inline patch " + patch);
      return;
    }
    Path path = dir.resolve(patch.path("path").asText()).normalize();
    if (!Files.isRegularFile(path)) {
      problems.add(file + ": patch " + patch.path("path").asText() + " does not exist");
      return;
    }
    // One document: read as a stream of documents, a JSON patch's list would come apart.
    JsonNode body = yaml(read(path));
    List<Resource> targets;
    if (patch.has("target")) {
      JsonNode target = patch.path("target");
      Pattern name = Pattern.compile(target.path("name").asText(".*"));
      targets =
          resources.stream()
              .filter(r -> r.kind().equals(target.path("kind").asText()))
              .filter(r -> name.matcher(r.name()).matches())
              .toList();
    } else if (body.isArray()) {
      problems.add(file + ": JSON patch " + path.getFileName() + " has no target");
      return;
    } else {
      String kind = body.path("kind").asText();
      String name = body.path("metadata").path("name").asText();
      targets =
          resources.stream().filter(r -> r.kind().equals(kind) && r.name().equals(name)).toList();
    }
    if (targets.isEmpty()) {
      problems.add(file + ": patch " + path.getFileName() + " targets no resource of its bases");
    }
    if (body.isArray()) {
      targets.forEach(target -> checkOperations(path, body, target));
    }
  }

  // A JSON patch operation needs its parent (add) or its path (replace, remove) to exist.
  private void checkOperations(Path patch, JsonNode operations, Resource target) {
    for (JsonNode op : operations) {
      String pointer = op.path("path").asText();
      String needed =
          op.path("op").asText().equals("add")
              ? pointer.substring(0, pointer.lastIndexOf('/'))
              : pointer;
      if (target.node().at(needed).isMissingNode()) {
        problems.add(patch.getFileName() + ": " + needed + " does not exist in " + target.name());
      }
    }
  }

  private void checkImage(Path file, String image) {
    boolean used =
        resources.stream()
            .flatMap(
                r -> r.node().at("/spec/template/spec/containers").findValues("image").stream())
            .anyMatch(node -> node.asText().equals(image) || node.asText().startsWith(image + ":"));
    if (!used) {
      problems.add(file + ": image override " + image + " names no container's image");
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
