package dev.healthstreams.testkit;

import dev.healthstreams.serde.MockSchemaRegistry;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopologyRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link TopologyKit} per test: a fresh state directory, the test class's own {@code
 * mock://<TestClass>} registry scope (dropped after the class), and the kit closed after the test.
 * Register it on a static field so that the scope is dropped:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TopologyKitExtension kit =
 *     TopologyKitExtension.of(ObservationCountTopology.NAME, TopologyKit.yaml(BLOCK));
 *
 * @Test
 * void shouldCount() {
 *   kit.input(ObservationCountTopology.OBSERVATIONS).pipeInput("o1", json);
 *   assertEquals(..., kit.output(ObservationCountTopology.COUNTS).readKeyValuesToMap());
 * }
 * }</pre>
 *
 * Without a config ({@link #of(String)}) nothing starts before the test, which calls {@link
 * #start(String)} with its own.
 */
public final class TopologyKitExtension
    implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {
  /** The fixtures' default clock: any fixed instant, so that runs are repeatable. */
  public static final Instant DEFAULT_START = Instant.parse("2024-01-01T00:00:00Z");

  private final String topology;
  private final String yaml;
  private final TopologyRegistry registry;
  private final Instant start;
  private String scope;
  private Path stateDir;
  private TopologyKit kit;

  private TopologyKitExtension(
      String topology, String yaml, TopologyRegistry registry, Instant start) {
    this.topology = topology;
    this.yaml = yaml;
    this.registry = registry;
    this.start = start;
  }

  /** Starts the topology over {@code yaml} (see {@link TopologyKit#yaml}) before each test. */
  public static TopologyKitExtension of(String topology, String yaml) {
    return new TopologyKitExtension(topology, yaml, TopologyRegistry.discover(), DEFAULT_START);
  }

  /** Starts nothing before a test: each test calls {@link #start(String)}. */
  public static TopologyKitExtension of(String topology) {
    return of(topology, null);
  }

  /** The wall clock at start, and the time of records piped without one. */
  public TopologyKitExtension startingAt(Instant instant) {
    return new TopologyKitExtension(topology, yaml, registry, instant);
  }

  /** Topologies from this registry instead of those registered on the class path. */
  public TopologyKitExtension withRegistry(TopologyRegistry topologies) {
    return new TopologyKitExtension(topology, yaml, topologies, start);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    scope = context.getRequiredTestClass().getSimpleName();
    stateDir = Files.createTempDirectory("topology-kit-");
    if (yaml != null) {
      start(yaml);
    }
  }

  /**
   * Starts the topology over {@code config} (closing one this test started before, which wipes its
   * state: a restart is tested at processor level and in an IT, not here).
   */
  public TopologyKit start(String config) {
    if (stateDir == null) {
      throw new IllegalStateException("start() runs inside a test, with the extension registered");
    }
    closeKit();
    Map<String, String> environment =
        Map.of(
            TopologyKit.REGISTRY_VARIABLE,
            "mock://" + scope,
            TopologyKit.STATE_DIR_VARIABLE,
            stateDir.toString());
    kit = new TopologyKit(registry, config, topology, environment, stateDir, start);
    return kit;
  }

  /** The running kit. */
  public TopologyKit kit() {
    if (kit == null) {
      throw new IllegalStateException("no topology started: call start(yaml) first");
    }
    return kit;
  }

  public <V> TestInputTopic<String, V> input(TopicRole<V> role) {
    return kit().input(role);
  }

  public TestInputTopic<String, String> textInput(TopicRole<byte[]> role) {
    return kit().textInput(role);
  }

  public <V> TestOutputTopic<String, V> output(TopicRole<V> role) {
    return kit().output(role);
  }

  public TestOutputTopic<byte[], byte[]> deadLetters() {
    return kit().deadLetters();
  }

  public double count(String name, String... tags) {
    return kit().count(name, tags);
  }

  public void advanceWallClock(Duration duration) {
    kit().advanceWallClock(duration);
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    try {
      closeKit();
    } finally {
      deleteRecursively(stateDir);
      stateDir = null;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    MockSchemaRegistry.dropScope(context.getRequiredTestClass().getSimpleName());
  }

  private void closeKit() {
    if (kit != null) {
      TopologyKit closing = kit;
      kit = null;
      closing.close();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
