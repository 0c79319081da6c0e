package dev.healthstreams.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads topologies.yaml into an {@link AppConfig}: ${ENV:-default} substitution, config-provider
 * references passed through, every error collected and thrown together as a {@link
 * ConfigException}.
 *
 * <p>Kafka and app settings and topology blocks are all read before any error is thrown, then keys
 * no reader asked for are reported as unknown.
 */
public final class ConfigLoader {
  private final List<TopologySchema<?>> schemas;
  private final Map<String, String> environment;

  public ConfigLoader(List<? extends TopologySchema<?>> schemas, Map<String, String> environment) {
    this.schemas = List.copyOf(schemas);
    this.environment = Map.copyOf(environment);
  }

  public AppConfig load(Path file) {
    return load(read(file), file.toString());
  }

  public AppConfig load(String yaml, String sourceName) {
    LoadContext context = new LoadContext(sourceName, new EnvironmentSubstitution(environment));
    var document = YamlDocuments.parseMapping(yaml, sourceName);
    ConfigNode root =
        ConfigNode.of(document, "", YamlDocuments.lineOf(document.getStartMark()), context);

    KafkaSettings kafka = CoreSettingsReader.kafka(root.requiredChild("kafka"));
    AppSettings app = CoreSettingsReader.app(root.requiredChild("app"));
    Map<String, TopologyConfig<?>> topologies = topologies(root);

    List<ConfigError> errors = context.finish();
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    return new AppConfig(kafka, app, topologies);
  }

  /**
   * Reads one topology block with its reader, as the loader would (substitution, unknown keys, all
   * errors at once), so a topology's settings can be tested without a whole file. {@code topics}
   * and {@code streams} keys are allowed and ignored, so blocks can be copied from a real file.
   */
  public static <S> S readSettings(
      String yamlBlock, SettingsReader<S> reader, Map<String, String> environment) {
    String sourceName = "settings";
    LoadContext context = new LoadContext(sourceName, new EnvironmentSubstitution(environment));
    var document = YamlDocuments.parseMapping(yamlBlock, sourceName);
    ConfigNode block =
        ConfigNode.of(document, "", YamlDocuments.lineOf(document.getStartMark()), context);
    block.has("topics");
    block.has(StreamsSettingsReader.KEY);
    S settings = reader.read(block);
    List<ConfigError> errors = context.finish();
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    return settings;
  }

  // Required, but `topologies:` with every block commented out means "none", not "missing".
  private Map<String, TopologyConfig<?>> topologies(ConfigNode root) {
    if (!root.has("topologies")) {
      root.error("topologies", "is required");
      return Map.of();
    }
    return root.child("topologies").map(new TopologyBlocksReader(schemas)::read).orElse(Map.of());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw unreadable(file, "file not found");
    } catch (AccessDeniedException e) {
      throw unreadable(file, "cannot be read: permission denied");
    } catch (CharacterCodingException e) {
      throw unreadable(file, "is not valid UTF-8");
    } catch (IOException e) {
      throw unreadable(file, "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static ConfigException unreadable(Path file, String message) {
    return new ConfigException(List.of(new ConfigError(file.toString(), 0, message)));
  }
}
