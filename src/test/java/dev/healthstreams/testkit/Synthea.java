package dev.healthstreams.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared Synthea export ({@code ../shared/data/synthea-ma-60} beside the project root). A test
 * that needs it fails, naming where it looked, when it is missing: a skipped test proves nothing.
 */
public final class Synthea {
  private Synthea() {}

  /** The export's directory, resolved from the project root (the directory holding pom.xml). */
  public static Path dir() {
    Path root = projectRoot();
    Path dir = root.resolve("../shared/data/synthea-ma-60").normalize();
    if (!Files.isDirectory(dir)) {
      fail("the Synthea export is expected at " + dir + " (../shared/data/synthea-ma-60)");
    }
    return dir;
  }

  /** One file of the export, e.g. {@code Observation.ndjson.gz}. */
  public static Path file(String name) {
    Path file = dir().resolve(name);
    if (!Files.isRegularFile(file)) {
      fail("the Synthea export has no " + file);
    }
    return file;
  }

  private static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.exists(d.resolve("pom.xml"))) {
        return d;
      }
    }
    return fail("no pom.xml above " + dir);
  }
}
