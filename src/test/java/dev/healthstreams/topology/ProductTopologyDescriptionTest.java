package dev.healthstreams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.ConfigLoader;
import dev.healthstreams.runtime.BuiltTopology;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.internals.InternalTopicConfig;
import org.apache.kafka.streams.processor.internals.InternalTopologyBuilder;
import org.apache.kafka.streams.processor.internals.StoreFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The product topologies, built from the repository's {@code topologies.yaml}, compared with a
 * golden description captured before the shared support package was introduced: every processor,
 * store and topic name, each store's kind, logging and retention, and every internal topic with its
 * configs. A difference means state or internal topics would not survive an upgrade, so the golden
 * file is only regenerated ({@code -Dgolden.update=true}) for a change meant to break them.
 */
class ProductTopologyDescriptionTest {
  private static final String APPLICATION_ID_PREFIX = "healthstreams-";

  /** Kafka's default of windowstore.changelog.additional.retention.ms: one day. */
  private static final long ADDITIONAL_WINDOW_RETENTION_MS = 86_400_000L;

  @ParameterizedTest
  @ValueSource(strings = {"observation-alerting", "medication-interaction", "canonical-sync"})
  void shouldKeepEveryNameAndStoreOfTheGoldenDescription(String name) throws IOException {
    String actual = describe(name);
    String resource = "/golden/" + name + ".topology.txt";
    if (Boolean.getBoolean("golden.update")) {
      Path file = Path.of("src/test/resources" + resource);
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertEquals(golden(resource), actual);
  }

  private static String describe(String name) {
    AppConfig config =
        new ConfigLoader(
                TopologyRegistry.discover().all(),
                Map.of("SCHEMA_REGISTRY_URL", "mock://ProductTopologyDescriptionTest"))
            .load(Path.of("topologies.yaml"));
    AvroSerdes avro =
        new AvroSerdes(SchemaRegistries.connect(config.kafka().schemaRegistryUrl(), Map.of()));
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try {
      Topology topology =
          BuiltTopology.build(config.topology(name).orElseThrow(), new BuildContext(avro, meters))
              .topology();
      return topology.describe() + "\n" + stores(topology, APPLICATION_ID_PREFIX + name);
    } finally {
      meters.close();
    }
  }

  /**
   * What describe() leaves out and an upgrade depends on: each store's kind, logging, retention and
   * changelog configs, and every internal topic's configs. Read from Kafka's internal builder: no
   * public API exposes them.
   */
  private static String stores(Topology topology, String applicationId) {
    InternalTopologyBuilder internal = internalBuilder(topology);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    // As KafkaStreams does before it asks for the internal topics: names each store's changelog.
    internal.rewriteTopology(new StreamsConfig(props));
    internal.buildTopology();
    StringBuilder out = new StringBuilder("Stores:\n");
    for (StoreFactory store : new TreeMap<>(internal.stateStores()).values()) {
      out.append("  ")
          .append(store.storeName())
          .append(" window=")
          .append(store.isWindowStore())
          .append(" versioned=")
          .append(store.isVersionedStore())
          .append(" builder=")
          .append(builderAndSerdes(store))
          .append(" logging=")
          .append(store.loggingEnabled())
          .append(" retention=")
          .append(store.isWindowStore() ? store.retentionPeriod() : "-")
          .append(" logConfig=")
          .append(new TreeMap<>(store.logConfig()))
          .append(" processors=")
          .append(new java.util.TreeSet<>(store.connectedProcessorNames()))
          .append('\n');
    }
    for (String global : new java.util.TreeSet<>(internal.globalStateStores().keySet())) {
      out.append("  ").append(global).append(" global\n");
    }
    Map<String, String> topics = new TreeMap<>();
    for (InternalTopologyBuilder.TopicsInfo info : internal.subtopologyToTopicsInfo().values()) {
      info.stateChangelogTopics.forEach((n, c) -> topics.put(n, "changelog " + configs(c)));
      info.repartitionSourceTopics.forEach((n, c) -> topics.put(n, "repartition " + configs(c)));
    }
    out.append("Internal topics:\n");
    topics.forEach((n, c) -> out.append("  ").append(n).append(' ').append(c).append('\n'));
    return out.toString();
  }

  /** The builder's kind and its key and value serdes' classes, where the builder keeps them. */
  private static String builderAndSerdes(StoreFactory store) {
    Object builder = store.builder();
    StringBuilder out = new StringBuilder(builder.getClass().getSimpleName());
    for (String name : new String[] {"keySerde", "valueSerde"}) {
      Object serde = field(builder, name);
      out.append(',').append(serde == null ? "-" : serde.getClass().getSimpleName());
    }
    return out.toString();
  }

  private static Object field(Object target, String name) {
    for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
      } catch (NoSuchFieldException e) {
        // declared by a superclass, if at all
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
    return null;
  }

  private static String configs(InternalTopicConfig config) {
    return new TreeMap<>(config.properties(Map.of(), ADDITIONAL_WINDOW_RETENTION_MS)).toString();
  }

  private static InternalTopologyBuilder internalBuilder(Topology topology) {
    try {
      Field field = Topology.class.getDeclaredField("internalTopologyBuilder");
      field.setAccessible(true);
      return (InternalTopologyBuilder) field.get(topology);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("Topology no longer has an internalTopologyBuilder field", e);
    }
  }

  private static String golden(String resource) throws IOException {
    try (InputStream in = ProductTopologyDescriptionTest.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new AssertionError("no golden description " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
