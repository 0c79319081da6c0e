package dev.healthstreams.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.healthstreams.avro.ClinicalAlert;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.serde.SchemaRegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRegistryIT {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  @TempDir Path dataDir;

  @Test
  void shouldKeepSchemaIdsAndPortAcrossRestartOnSameDataDir() {
    int id;
    String firstUrl;
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(dataDir, START_TIMEOUT)) {
      firstUrl = registry.url();
      id = client(registry).register("clinical.alerts-value", ClinicalAlert.getClassSchema());
    }

    try (EmbeddedRegistry restarted = EmbeddedRegistry.start(dataDir, START_TIMEOUT)) {
      SchemaRegistryClient fresh = client(restarted);

      assertEquals(firstUrl, restarted.url());
      assertEquals(ClinicalAlert.getClassSchema(), fresh.schemaById(id));
      assertEquals(id, fresh.register("clinical.alerts-value", ClinicalAlert.getClassSchema()));
    }
  }

  private static SchemaRegistryClient client(EmbeddedRegistry registry) {
    return SchemaRegistries.connect(registry.url(), Map.of());
  }
}
