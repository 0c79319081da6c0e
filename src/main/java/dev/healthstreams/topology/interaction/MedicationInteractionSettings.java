package dev.healthstreams.topology.interaction;

import dev.healthstreams.config.ConfigError;
import dev.healthstreams.config.ConfigException;
import dev.healthstreams.config.SettingsReader;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The medication-interaction topology's own settings.
 *
 * @param knowledgeFile "classpath:/..." or a file path; checked to load when the config is read, so
 *     that {@code validate} catches a broken knowledge file before anything starts
 */
public record MedicationInteractionSettings(String knowledgeFile) {

  // Enough to point at the problem without flooding a config report with a whole file's errors.
  private static final int PROBLEMS_SHOWN = 3;

  public static SettingsReader<MedicationInteractionSettings> reader() {
    return block -> {
      String location = block.string("knowledge-file", KnowledgeFile.DEFAULT_LOCATION);
      if (location.isBlank()) {
        block.error("knowledge-file", "must not be empty");
      } else {
        try {
          KnowledgeFile.load(location);
        } catch (ConfigException e) {
          block.error("knowledge-file", summary(location, e.errors()));
        }
      }
      return new MedicationInteractionSettings(location);
    };
  }

  private static String summary(String location, List<ConfigError> errors) {
    String shown =
        errors.stream()
            .limit(PROBLEMS_SHOWN)
            .map(ConfigError::toString)
            .collect(Collectors.joining("; "));
    int more = errors.size() - PROBLEMS_SHOWN;
    return "'"
        + location
        + "' cannot be used: "
        + shown
        + (more > 0 ? " (and " + more + " more)" : "");
  }
}
