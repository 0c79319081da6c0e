package dev.healthstreams.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** `replay` into and `tail` out of a topic, as a user in a second shell would. */
final class Topics {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Topics() {}

  /** The options every call takes: {@code --config F} and, for embedded mode, its env file. */
  static String[] connection(Path config, Path embeddedEnv) {
    return embeddedEnv == null
        ? new String[] {"--config", config.toString()}
        : new String[] {"--config", config.toString(), "--embedded-env", embeddedEnv.toString()};
  }

  static void replay(String[] connection, String topic, Path file) {
    CliRun.of(join(new String[] {"replay", "--topic", topic, file.toString()}, connection))
        .assertOk();
  }

  /** Up to {@code max} records from the beginning, stopping after {@code idle} without one. */
  static List<JsonNode> tail(String[] connection, String topic, int max, Duration idle)
      throws Exception {
    String[] args = {
      "tail",
      topic,
      "--from-beginning",
      "--max",
      Integer.toString(max),
      "--idle-timeout",
      idle.toSeconds() + "s"
    };
    CliRun run = CliRun.of(join(args, connection)).assertOk();
    List<JsonNode> records = new ArrayList<>();
    for (String line : run.out().split("\n")) {
      if (!line.isBlank()) {
        records.add(JSON.readTree(line));
      }
    }
    return records;
  }

  static List<String> alertIds(List<JsonNode> alerts) {
    return alerts.stream().map(a -> a.path("value").path("alertId").asText()).toList();
  }

  private static String[] join(String[] a, String[] b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }
}
