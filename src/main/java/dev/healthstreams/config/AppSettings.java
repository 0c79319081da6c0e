package dev.healthstreams.config;

import java.nio.file.Path;

/** Process-wide settings under {@code app:}. */
public record AppSettings(
    String applicationIdPrefix,
    Path stateDir,
    ProcessingGuarantee processingGuarantee,
    int httpPort,
    int numStreamThreads,
    int replicationFactor) {

  public enum ProcessingGuarantee {
    EXACTLY_ONCE_V2("exactly_once_v2"),
    AT_LEAST_ONCE("at_least_once");

    private final String kafkaName;

    ProcessingGuarantee(String kafkaName) {
      this.kafkaName = kafkaName;
    }

    public String kafkaName() {
      return kafkaName;
    }
  }

  public String applicationId(String topologyName) {
    return applicationIdPrefix + "-" + topologyName;
  }
}
