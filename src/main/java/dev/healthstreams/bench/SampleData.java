package dev.healthstreams.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The Synthea sample bundled in the jar ({@code /sample/*.ndjson.gz}), one byte[] per line. */
public record SampleData(
    List<byte[]> patients,
    List<byte[]> observations,
    List<byte[]> medicationRequests,
    List<byte[]> medications) {

  public static SampleData bundled() {
    return new SampleData(
        lines("/sample/Patient.ndjson.gz"),
        lines("/sample/Observation.ndjson.gz"),
        lines("/sample/MedicationRequest.ndjson.gz"),
        lines("/sample/Medication.ndjson.gz"));
  }

  static List<byte[]> lines(String resource) {
    try (InputStream raw = SampleData.class.getResourceAsStream(resource)) {
      if (raw == null) {
        throw new IllegalStateException("the jar has no " + resource);
      }
      InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
      return split(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** Non-blank lines, without their terminators. */
  static List<byte[]> split(byte[] all) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= all.length; i++) {
      if (i == all.length || all[i] == '\n') {
        int end = i > start && all[i - 1] == '\r' ? i - 1 : i;
        byte[] line = Arrays.copyOfRange(all, start, end);
        if (!new String(line, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
          lines.add(line);
        }
        start = i + 1;
      }
    }
    return lines;
  }
}
