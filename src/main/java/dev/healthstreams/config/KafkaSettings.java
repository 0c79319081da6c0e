package dev.healthstreams.config;

import java.util.Map;

/**
 * Where the cluster and registry are. {@code properties} go to every Kafka client and to the
 * registry client (basic auth, TLS); config-provider references are kept as written.
 */
public record KafkaSettings(
    String bootstrapServers, String schemaRegistryUrl, Map<String, String> properties) {
  public KafkaSettings {
    properties = Map.copyOf(properties);
  }

  public KafkaSettings withEndpoints(String bootstrap, String registryUrl) {
    return new KafkaSettings(bootstrap, registryUrl, properties);
  }
}
