package dev.healthstreams.topology.interaction;

import dev.healthstreams.config.ConfigError;
import dev.healthstreams.config.ConfigException;
import dev.healthstreams.config.Parsers;
import dev.healthstreams.config.SettingsReader;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The medication-interaction topology's own settings.
 *
 * @param knowledgeFile "classpath:/..." or a file path
 * @param knowledge the file's content, loaded and validated when the config is read, so that {@code
 *     validate} catches a broken knowledge file before anything starts and the file is read once
 *     per config load (what the topology seeds its knowledge topic with); empty when it cannot be
 *     used, and then the load fails
 */
public record MedicationInteractionSettings(String knowledgeFile, KnowledgeBase knowledge) {

  // Enough to point at the problem without flooding a config report with a whole file's errors.
  private static final int PROBLEMS_SHOWN = 3;

  public static SettingsReader<MedicationInteractionSettings> reader() {
    return block -> {
      String location =
          block.value("knowledge-file", Parsers.string()).orElse(KnowledgeFile.DEFAULT_LOCATION);
      KnowledgeBase knowledge = KnowledgeBase.EMPTY;
      if (location.isBlank()) {
        block.error("knowledge-file", "must not be empty");
      } else {
        try {
          knowledge = KnowledgeFile.load(location);
        } catch (ConfigException e) {
          block.error("knowledge-file", summary(location, e.errors()));
        }
      }
      return new MedicationInteractionSettings(location, knowledge);
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
