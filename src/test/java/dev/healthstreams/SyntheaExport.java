package dev.healthstreams;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The shared Synthea FHIR R4 export (60 Massachusetts patients) that tests read, found beside the
 * project as {@code ../shared/data/synthea-ma-60}: every checkout and worktree sits next to the
 * shared directory, so no test names a path of one machine.
 *
 * <p>A missing export fails the test that needs it, never skips it: a skipped test would let a
 * build pass on a machine that checked nothing.
 */
public final class SyntheaExport {

  /** Where the export sits relative to the project root. */
  public static final Path RELATIVE_DIR = Path.of("..", "shared", "data", "synthea-ma-60");

  private SyntheaExport() {}

  public static Path patients() {
    return file("Patient.ndjson.gz");
  }

  public static Path observations() {
    return file("Observation.ndjson.gz");
  }

  public static Path medications() {
    return file("Medication.ndjson.gz");
  }

  public static Path medicationRequests() {
    return file("MedicationRequest.ndjson.gz");
  }

  /** One resource type's file of the export; the test fails naming the path when it is missing. */
  public static Path file(String name) {
    Path file = dir().resolve(name);
    if (!Files.isReadable(file)) {
      fail("Synthea export file missing: " + file + missingHint());
    }
    return file;
  }

  /** The export's directory; the test fails naming the path when it is missing. */
  public static Path dir() {
    Path dir = ProjectRoot.path().resolve(RELATIVE_DIR).normalize();
    if (!Files.isDirectory(dir)) {
      fail("Synthea export missing: expected the directory " + dir + missingHint());
    }
    return dir;
  }

  /** The gzip NDJSON file's lines, decompressed; the caller closes the reader. */
  public static BufferedReader lines(Path gzipFile) throws IOException {
    return new BufferedReader(
        new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(gzipFile)), StandardCharsets.UTF_8));
  }

  private static String missingHint() {
    return " (the shared data directory "
        + RELATIVE_DIR
        + " beside the project root "
        + ProjectRoot.path()
        + "; tests need it and fail without it)";
  }
}
