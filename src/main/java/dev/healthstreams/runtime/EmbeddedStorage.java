package dev.healthstreams.runtime;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Formats the KRaft storage of an embedded broker, once: the data dir keeps its cluster id. */
final class EmbeddedStorage {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedStorage.class);
  private static final String META_PROPERTIES = "meta.properties";

  private EmbeddedStorage() {}

  static void formatOnce(Path dataDir) {
    if (Files.exists(dataDir.resolve(META_PROPERTIES))) {
      return;
    }
    String clusterId = Uuid.randomUuid().toString();
    String dir = dataDir.toAbsolutePath().toString();
    // No release version set: the Formatter then uses MetadataVersion.latestProduction(), as
    // kafka-storage.sh does (kafka-server-common is only on the runtime class path).
    try {
      new Formatter()
          .setNodeId(EmbeddedBrokerConfig.NODE_ID)
          .setClusterId(clusterId)
          .setDirectories(List.of(dir))
          .setMetadataLogDirectory(dir)
          .setControllerListenerName(EmbeddedBrokerConfig.CONTROLLER_LISTENER)
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("Could not format Kafka storage in " + dir, e);
    }
    log.info("Formatted embedded Kafka storage in {} with cluster id {}", dir, clusterId);
  }
}
