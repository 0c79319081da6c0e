package dev.healthstreams.serde;

import java.util.Map;

/**
 * Opens a registry client for a URL: {@code mock://<scope>} is the in-memory registry shared by
 * everything in the JVM that names the same scope; http(s) is a Confluent-API registry with basic
 * auth and TLS taken from the Kafka properties (keys as Confluent's serializers read them).
 */
public final class SchemaRegistries {
  private static final String MOCK_SCHEME = "mock://";

  private SchemaRegistries() {}

  public static SchemaRegistryClient connect(String url, Map<String, String> kafkaProperties) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("schema registry url is empty");
    }
    String trimmed = url.trim();
    if (trimmed.startsWith(MOCK_SCHEME)) {
      return MockSchemaRegistry.forScope(trimmed.substring(MOCK_SCHEME.length()));
    }
    if (trimmed.startsWith("http://") || trimmed.startsWith("https://")) {
      return new HttpSchemaRegistryClient(
          trimmed, kafkaProperties == null ? Map.of() : kafkaProperties);
    }
    throw new IllegalArgumentException(
        "schema registry url must start with http://, https:// or mock://");
  }
}
