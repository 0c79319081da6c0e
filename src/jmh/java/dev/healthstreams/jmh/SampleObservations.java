package dev.healthstreams.jmh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The Synthea Observations shipped for the demo (sample/Observation.ndjson.gz), one per line. */
final class SampleObservations {
  static final String RESOURCE = "/sample/Observation.ndjson.gz";

  private SampleObservations() {}

  static List<String> load() {
    try (InputStream raw = SampleObservations.class.getResourceAsStream(RESOURCE)) {
      if (raw == null) {
        throw new IllegalStateException("no " + RESOURCE + " on the classpath");
      }
      List<String> lines = new ArrayList<>();
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          if (!line.isBlank()) {
            lines.add(line);
          }
        }
      }
      if (lines.isEmpty()) {
        throw new IllegalStateException(RESOURCE + " is empty");
      }
      return List.copyOf(lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<byte[]> loadBytes() {
    return load().stream().map(line -> line.getBytes(StandardCharsets.UTF_8)).toList();
  }
}
