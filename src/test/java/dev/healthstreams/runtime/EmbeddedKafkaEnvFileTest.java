package dev.healthstreams.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded.env file written for a running embedded broker ({@link EmbeddedEnv}). */
class EmbeddedKafkaEnvFileTest {

  @TempDir Path dir;

  @Test
  void shouldWriteShellSourceableLinesInNewParentDirectories() throws IOException {
    Path file = dir.resolve(".healthstreams").resolve("embedded.env");

    new EmbeddedEnv("127.0.0.1:39092", "http://127.0.0.1:38081/apis/ccompat/v7").write(file);

    assertEquals(
        "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:39092\n"
            + "SCHEMA_REGISTRY_URL=http://127.0.0.1:38081/apis/ccompat/v7\n",
        Files.readString(file));
    try (var siblings = Files.list(file.getParent())) {
      assertEquals(1, siblings.count(), "no temporary file left behind");
    }
  }

  @Test
  void shouldReadBackWhatItWroteIncludingValuesThatNeedQuoting() {
    Path file = dir.resolve("embedded.env");
    EmbeddedEnv env = new EmbeddedEnv("127.0.0.1:1,127.0.0.1:2", "http://h:1/x?a=1&b='2'");
    env.write(file);
    new EmbeddedEnv("127.0.0.1:1", "http://replaced").write(file.resolveSibling("other.env"));

    assertEquals(Optional.of(env), EmbeddedEnv.read(file));
  }

  @Test
  void shouldBeEmptyWhenFileOrKeyIsMissing() throws IOException {
    assertTrue(EmbeddedEnv.read(dir.resolve("absent.env")).isEmpty());
    Path partial = dir.resolve("partial.env");
    Files.writeString(partial, "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1\n");
    assertTrue(EmbeddedEnv.read(partial).isEmpty());
  }

  @Test
  void shouldDefaultToDotHealthstreamsInTheWorkingDirectory() {
    assertEquals(Path.of(".healthstreams", "embedded.env"), EmbeddedEnv.defaultFile());
  }
}
