package dev.healthstreams.config;

import java.nio.file.Path;
import java.time.Duration;

/** Process-wide settings under {@code app:}. */
public record AppSettings(
    String applicationIdPrefix,
    Path stateDir,
    ProcessingGuarantee processingGuarantee,
    int httpPort,
    int numStreamThreads,
    int replicationFactor,
    Duration startupTimeout) {

  /** How long start-up waits for the cluster and the registry before giving up (exit 1). */
  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(30);

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

  public AppSettings withStateDir(Path dir) {
    return new AppSettings(
        applicationIdPrefix,
        dir,
        processingGuarantee,
        httpPort,
        numStreamThreads,
        replicationFactor,
        startupTimeout);
  }

  public AppSettings withHttpPort(int port) {
    return new AppSettings(
        applicationIdPrefix,
        stateDir,
        processingGuarantee,
        port,
        numStreamThreads,
        replicationFactor,
        startupTimeout);
  }

  public AppSettings withReplicationFactor(int factor) {
    return new AppSettings(
        applicationIdPrefix,
        stateDir,
        processingGuarantee,
        httpPort,
        numStreamThreads,
        factor,
        startupTimeout);
  }
}
