package dev.healthstreams.serde;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Resolves Kafka config-provider references ({@code ${file:path:key}}, {@code ${env:NAME}}) in the
 * Kafka properties the registry client reads, as every Kafka client resolves them in its own: a
 * registry password can then live in the same mounted Secret file as the SASL login. Kafka does the
 * resolving ({@link AbstractConfig} with the properties' own {@code config.providers}), so the same
 * providers, and the same {@code org.apache.kafka.automatic.config.providers} allow-list, apply.
 * Without {@code config.providers} the properties are returned as they are.
 */
final class RegistryConfigProviders {
  static final String CONFIG_PROVIDERS = "config.providers";

  private RegistryConfigProviders() {}

  static Map<String, String> resolve(Map<String, String> kafkaProperties) {
    if (!kafkaProperties.containsKey(CONFIG_PROVIDERS)) {
      return kafkaProperties;
    }
    Map<String, String> resolved = new HashMap<>();
    new AbstractConfig(new ConfigDef(), kafkaProperties, false)
        .originals()
        .forEach((key, value) -> resolved.put(key, String.valueOf(value)));
    return resolved;
  }
}
