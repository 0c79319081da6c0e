package dev.healthstreams.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds an unpacked Apicurio Registry: a configured directory, else a per-user cache that is filled
 * once from the tar.gz the build fetched into the local Maven repository. Unpacking goes to a
 * temporary sibling that is renamed into place, so a concurrent process never sees half a
 * distribution.
 */
final class RegistryDistribution {
  static final String VERSION = "3.0.9";
  static final String HOME_PROPERTY = "healthstreams.registry.home";
  static final String HOME_ENV = "HEALTHSTREAMS_REGISTRY_HOME";
  private static final String TARBALL =
      "io/apicurio/apicurio-registry-app/"
          + VERSION
          + "/apicurio-registry-app-"
          + VERSION
          + "-all.tar.gz";

  private RegistryDistribution() {}

  /** The runner jar of the distribution to start, unpacking it first if needed. */
  static Path runnerJar() {
    String configured = System.getProperty(HOME_PROPERTY, System.getenv(HOME_ENV));
    Path userHome = Path.of(System.getProperty("user.home"));
    Path cache = userHome.resolve(".cache/healthstreams/apicurio-registry-" + VERSION);
    Path mavenRepo =
        Path.of(
            System.getProperty("maven.repo.local", userHome.resolve(".m2/repository").toString()));
    return runnerJar(configured, cache, mavenRepo.resolve(TARBALL));
  }

  static Path runnerJar(String configuredHome, Path cache, Path tarball) {
    if (configuredHome != null && !configuredHome.isBlank()) {
      Optional<Path> runner = findRunner(Path.of(configuredHome));
      if (runner.isPresent()) {
        return runner.get();
      }
    }
    Optional<Path> cached = findRunner(cache);
    if (cached.isPresent()) {
      return cached.get();
    }
    if (!Files.isRegularFile(tarball)) {
      throw new IllegalStateException(
          "Apicurio Registry "
              + VERSION
              + " is not available: no unpacked distribution in "
              + (configuredHome == null ? "" : configuredHome + " or ")
              + cache
              + " and no "
              + tarball
              + ". Run `mvn -B package` once to fetch it.");
    }
    unpack(tarball, cache);
    return findRunner(cache)
        .orElseThrow(() -> new IllegalStateException(tarball + " holds no *-runner.jar"));
  }

  private static void unpack(Path tarball, Path cache) {
    try {
      Files.createDirectories(cache.getParent());
      Path staging = Files.createTempDirectory(cache.getParent(), cache.getFileName() + ".unpack-");
      try {
        untar(tarball, staging);
        Path content = findRunner(staging).isPresent() ? staging : singleChild(staging);
        Files.move(content, cache, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException otherProcessWon) {
        // Another process renamed its copy into place first; theirs is complete, use it.
      } finally {
        deleteRecursively(staging);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + tarball + " into " + cache, e);
    }
  }

  private static void untar(Path tarball, Path target) throws IOException {
    Process tar =
        new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", target.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!tar.waitFor(5, TimeUnit.MINUTES) || tar.exitValue() != 0) {
        tar.destroyForcibly();
        throw new IOException("tar failed on " + tarball + ": " + output.strip());
      }
    } catch (InterruptedException e) {
      tar.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while unpacking " + tarball, e);
    }
  }

  private static Path singleChild(Path dir) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      return children
          .filter(child -> findRunner(child).isPresent())
          .findFirst()
          .orElseThrow(() -> new IOException("no *-runner.jar in the unpacked distribution"));
    }
  }

  static Optional<Path> findRunner(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
