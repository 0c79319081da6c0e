package dev.healthstreams.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bundled Synthea slice, by the topic role it feeds. Tables first: patients and medications
 * must be known before the observations and requests that alerts are enriched and resolved with.
 */
final class DemoSample {
  private static final Map<String, String> RESOURCE_BY_ROLE = new LinkedHashMap<>();

  static {
    RESOURCE_BY_ROLE.put("patients", "/sample/Patient.ndjson.gz");
    RESOURCE_BY_ROLE.put("medications", "/sample/Medication.ndjson.gz");
    RESOURCE_BY_ROLE.put("observations", "/sample/Observation.ndjson.gz");
    RESOURCE_BY_ROLE.put("medication-requests", "/sample/MedicationRequest.ndjson.gz");
  }

  private DemoSample() {}

  /** Copies the sample files out of the jar; role -> file, in feeding order. */
  static Map<String, Path> extract(Path dir) {
    Map<String, Path> files = new LinkedHashMap<>();
    try {
      Files.createDirectories(dir);
      for (var entry : RESOURCE_BY_ROLE.entrySet()) {
        try (InputStream in = DemoSample.class.getResourceAsStream(entry.getValue())) {
          if (in == null) {
            continue;
          }
          Path file = dir.resolve(entry.getKey() + ".ndjson.gz");
          Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
          files.put(entry.getKey(), file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
