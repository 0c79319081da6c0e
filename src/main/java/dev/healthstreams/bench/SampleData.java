package dev.healthstreams.bench;

import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopologyDefinition;
import dev.healthstreams.topology.TopologyRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Bundled samples (classpath NDJSON, plain or gzip, as topic roles declare them), one byte[] per
 * line, by resource name.
 *
 * @param keyPaths where a sample's record key is, for samples whose role declares it ({@link
 *     TopicRole#keyPath()}); other samples are keyed by their resource id
 */
public record SampleData(Map<String, List<byte[]>> byResource, Map<String, String> keyPaths) {

  public SampleData {
    byResource = Collections.unmodifiableMap(new LinkedHashMap<>(byResource));
    keyPaths = Map.copyOf(keyPaths);
  }

  public SampleData(Map<String, List<byte[]>> byResource) {
    this(byResource, Map.of());
  }

  /** Every sample a role of a registered topology declares. */
  public static SampleData declaredBy(TopologyRegistry registry) {
    Set<String> resources = new LinkedHashSet<>();
    Map<String, String> keyPaths = new LinkedHashMap<>();
    for (TopologyDefinition<?> definition : registry.all()) {
      for (TopicRole<?> role : definition.roles()) {
        if (role.sample() != null) {
          resources.add(role.sample());
          if (role.keyPath() != null) {
            keyPaths.putIfAbsent(role.sample(), role.keyPath());
          }
        }
      }
    }
    return new SampleData(of(resources).byResource(), keyPaths);
  }

  /** Where a sample's record key is, or null for its resource id. */
  public String keyPath(String resource) {
    return keyPaths.get(resource);
  }

  public static SampleData of(Collection<String> resources) {
    Map<String, List<byte[]>> byResource = new LinkedHashMap<>();
    for (String resource : resources) {
      byResource.put(resource, read(resource));
    }
    return new SampleData(byResource);
  }

  /** The lines of one sample. */
  public List<byte[]> lines(String resource) {
    List<byte[]> lines = byResource.get(resource);
    if (lines == null) {
      throw new IllegalArgumentException("no sample " + resource + "; have " + byResource.keySet());
    }
    return lines;
  }

  /** "Observation" for "/sample/Observation.ndjson.gz": how options name a sample. */
  public static String shortName(String resource) {
    String file = resource.substring(resource.lastIndexOf('/') + 1);
    int dot = file.indexOf('.');
    return dot < 0 ? file : file.substring(0, dot);
  }

  static List<byte[]> read(String resource) {
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
        if (!new String(line, StandardCharsets.UTF_8).isBlank()) {
          lines.add(line);
        }
        start = i + 1;
      }
    }
    return lines;
  }
}
