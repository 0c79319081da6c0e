package dev.healthstreams.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How EmbeddedRegistry finds its distribution, with a tiny stand-in tarball. */
class EmbeddedRegistryDistributionTest {
  private static final String RUNNER = "apicurio-registry-app-3.0.9-runner.jar";

  @TempDir Path root;

  @Test
  void shouldUseConfiguredHomeWhenItHoldsARunner() throws IOException {
    Path home = Files.createDirectories(root.resolve("home"));
    Files.writeString(home.resolve(RUNNER), "jar");

    Path runner =
        RegistryDistribution.runnerJar(home.toString(), root.resolve("cache"), root.resolve("x"));

    assertEquals(home.resolve(RUNNER), runner);
  }

  @Test
  void shouldUnpackTarballIntoCacheWhenConfiguredHomeIsMissing() throws Exception {
    Path tarball = tarballWithRunner();
    Path cache = root.resolve("cache/apicurio-registry-3.0.9");

    Path runner = RegistryDistribution.runnerJar(root.resolve("absent").toString(), cache, tarball);

    assertEquals(cache.resolve(RUNNER), runner);
    assertTrue(Files.isRegularFile(cache.resolve("lib/dep.jar")));
    try (Stream<Path> siblings = Files.list(cache.getParent())) {
      assertEquals(1, siblings.count(), "staging directory left behind");
    }
  }

  @Test
  void shouldReuseCacheWithoutTarball() throws Exception {
    Path cache = root.resolve("cache/apicurio-registry-3.0.9");
    RegistryDistribution.runnerJar(null, cache, tarballWithRunner());

    Path runner = RegistryDistribution.runnerJar(null, cache, root.resolve("deleted.tar.gz"));

    assertEquals(cache.resolve(RUNNER), runner);
  }

  @Test
  void shouldTellUserToRunMavenPackageWhenNothingIsThere() {
    IllegalStateException error =
        assertThrows(
            IllegalStateException.class,
            () ->
                RegistryDistribution.runnerJar(
                    null, root.resolve("cache"), root.resolve("missing.tar.gz")));

    assertTrue(error.getMessage().contains("mvn -B package"), error.getMessage());
    assertFalse(Files.exists(root.resolve("cache")));
  }

  private Path tarballWithRunner() throws Exception {
    Path content = Files.createDirectories(root.resolve("content/lib"));
    Files.writeString(content.resolve("dep.jar"), "dep");
    Files.writeString(content.getParent().resolve(RUNNER), "jar");
    Path tarball = root.resolve("registry.tar.gz");
    Process tar =
        new ProcessBuilder(
                "tar", "-czf", tarball.toString(), "-C", content.getParent().toString(), ".")
            .inheritIO()
            .start();
    assertEquals(0, tar.waitFor());
    return tarball;
  }
}
