package dev.healthstreams.cli;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.topology.TopologyRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The repository's topologies.yaml, packaged in the jar so `demo` needs no file. */
final class BundledConfig {
  static final String RESOURCE = "/topologies.yaml";

  private BundledConfig() {}

  static AppConfig load(TopologyRegistry registry) {
    try (InputStream in = BundledConfig.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the jar has no " + RESOURCE);
      }
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return registry.loader(System.getenv()).load(yaml, "classpath:" + RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
