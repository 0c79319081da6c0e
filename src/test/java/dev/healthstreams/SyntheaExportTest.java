package dev.healthstreams;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class SyntheaExportTest {
  private final String basedir = System.getProperty("basedir");

  @TempDir Path elsewhere;

  @AfterEach
  void restoreBasedir() {
    if (basedir == null) {
      System.clearProperty("basedir");
    } else {
      System.setProperty("basedir", basedir);
    }
  }

  @Test
  void shouldFindTheExportBesideTheProjectRoot() {
    assertTrue(Files.isReadable(SyntheaExport.observations()));
    assertTrue(SyntheaExport.dir().endsWith(Path.of("shared", "data", "synthea-ma-60")));
  }

  @Test
  void shouldFailNotSkipNamingThePathWhenTheExportIsMissing() throws Exception {
    Path project = Files.createDirectories(elsewhere.resolve("project"));
    System.setProperty("basedir", project.toString());

    AssertionFailedError failure =
        assertThrows(AssertionFailedError.class, SyntheaExport::patients);

    assertTrue(
        failure
            .getMessage()
            .contains(elsewhere.resolve("shared/data/synthea-ma-60").toAbsolutePath().toString()),
        failure.getMessage());
  }
}
