package dev.healthstreams.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthstreams.deploy.Kustomization.Resource;
import dev.healthstreams.deploy.ManifestChecks.Group;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/** The Secrets and the configuration they serve: {@link ManifestChecks}' part about credentials. */
final class SecretChecks {
  private static final Pattern FILE_PROVIDER = Pattern.compile("\\$\\{file:([^:}]+):([^}]+)}");
  private static final String CONFIG_MAP = ManifestChecks.CONFIG_MAP;
  private static final String CONFIG_KEY = ManifestChecks.CONFIG_KEY;

  private final ManifestChecks manifests;
  private final Kustomization k;

  SecretChecks(ManifestChecks manifests) {
    this.manifests = manifests;
    this.k = manifests.kustomization();
  }

  /**
   * Secrets hold REPLACE_ME placeholders only, and every ${file:PATH:KEY} of the configuration is a
   * key of a Secret mounted at PATH's directory, holding KEY.
   */
  List<String> secrets() {
    List<String> problems = new ArrayList<>();
    for (Resource secret : k.resources("Secret")) {
      if (secret.node().has("data")) {
        problems.add("Secret " + secret.name() + " has base64 data: only placeholders belong here");
      }
      secret
          .node()
          .path("stringData")
          .fields()
          .forEachRemaining(
              entry -> {
                if (!isPlaceholder(entry.getValue().asText())) {
                  problems.add(
                      "Secret "
                          + secret.name()
                          + " key "
                          + entry.getKey()
                          + " holds something other than REPLACE_ME placeholders");
                }
              });
    }
    // Problems of the groups themselves (a missing Secret key among them) are environment()'s.
    for (Group g : manifests.groups(new ArrayList<>())) {
      Matcher ref = FILE_PROVIDER.matcher(manifests.shippedConfig());
      while (ref.find()) {
        checkFileReference(problems, g, ref.group(1), ref.group(2));
      }
    }
    return problems;
  }

  /**
   * Only REPLACE_ME where a credential goes: a simple value is placeholders joined by punctuation
   * ("REPLACE_ME:REPLACE_ME"), and in a properties text no quoted value is anything else.
   */
  static boolean isPlaceholder(String value) {
    if (!value.contains("REPLACE_ME")) {
      return false;
    }
    boolean simple = value.strip().chars().noneMatch(Character::isWhitespace);
    if (simple) {
      return value.replace("REPLACE_ME", "").strip().matches("[:@/._-]*");
    }
    Matcher quoted = Pattern.compile("\"([^\"]*)\"").matcher(value);
    while (quoted.find()) {
      if (!quoted.group(1).equals("REPLACE_ME")) {
        return false;
      }
    }
    return true;
  }

  /** The topologies block the pods read is the repository's, so a rule change reaches both. */
  List<String> configuration() {
    List<String> problems = new ArrayList<>();
    JsonNode shipped = Kustomization.yaml(manifests.shippedConfig()).path("topologies");
    JsonNode repository = Kustomization.yaml(manifests.repositoryConfig()).path("topologies");
    if (shipped.isMissingNode() || !shipped.equals(repository)) {
      problems.add(
          CONFIG_MAP
              + "/"
              + CONFIG_KEY
              + ": its topologies block is not the repository's"
              + " topologies.yaml's: copy the change over");
    }
    manifests.groups(problems);
    return problems;
  }

  private void checkFileReference(List<String> problems, Group g, String path, String key) {
    String dir = path.substring(0, path.lastIndexOf('/'));
    String file = path.substring(path.lastIndexOf('/') + 1);
    Optional<String> volume =
        StreamSupport.stream(g.container().path("volumeMounts").spliterator(), false)
            .filter(m -> m.path("mountPath").asText().equals(dir))
            .map(m -> m.path("name").asText())
            .findFirst();
    Optional<String> secretName =
        volume.flatMap(
            v ->
                StreamSupport.stream(g.pod().at("/spec/volumes").spliterator(), false)
                    .filter(vol -> vol.path("name").asText().equals(v))
                    .map(vol -> vol.at("/secret/secretName").asText(null))
                    .filter(s -> s != null)
                    .findFirst());
    if (secretName.isEmpty()) {
      problems.add(g.name() + ": " + path + " (config provider) is not in a mounted Secret");
      return;
    }
    String content =
        k.resources("Secret").stream()
            .filter(s -> s.name().equals(secretName.get()))
            .map(s -> s.node().path("stringData").path(file).asText(null))
            .filter(s -> s != null)
            .findFirst()
            .orElse("");
    if (!content.lines().anyMatch(line -> line.startsWith(key + "="))) {
      problems.add(g.name() + ": Secret " + secretName.get() + " has no " + file + " with " + key);
    }
  }
}
