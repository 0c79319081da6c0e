package dev.healthstreams.jmh;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.ConfigLoader;
import dev.healthstreams.topology.TopologyRegistry;
import dev.healthstreams.topology.alerting.AlertingSettings;
import dev.healthstreams.topology.alerting.ObservationAlertingTopology;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The repository's topologies.yaml (packaged in the jar), as the app loads it. */
final class BenchmarkConfig {
  private static final String RESOURCE = "/topologies.yaml";

  private BenchmarkConfig() {}

  static AppConfig load() {
    try (InputStream in = BenchmarkConfig.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("no " + RESOURCE + " on the classpath");
      }
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new ConfigLoader(
              TopologyRegistry.discover().all(), Map.of("HEALTHSTREAMS_STATE_DIR", "/tmp"))
          .load(yaml, "classpath:" + RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The default clinical rules of observation-alerting. */
  static AlertingSettings alertingSettings() {
    return (AlertingSettings)
        load().topology(ObservationAlertingTopology.NAME).orElseThrow().settings();
  }
}
