package dev.healthstreams.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Bundled samples (classpath NDJSON resources) copied out of the jar, so they replay as files. */
public final class SampleFiles {
  private SampleFiles() {}

  /** Copies {@code resource} into {@code dir}, keeping its file name. */
  public static Path extract(String resource, Path dir) {
    try (InputStream in = SampleFiles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the jar has no sample " + resource);
      }
      Files.createDirectories(dir);
      Path file = dir.resolve(Path.of(resource).getFileName().toString());
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract " + resource, e);
    }
  }
}
