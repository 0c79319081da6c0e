package dev.healthstreams.config;

import java.util.Map;
import java.util.Optional;

/** The whole of topologies.yaml, validated. */
public record AppConfig(
    KafkaSettings kafka, AppSettings app, Map<String, TopologyConfig<?>> topologies) {
  public AppConfig {
    topologies = Map.copyOf(topologies);
  }

  public AppConfig withKafka(KafkaSettings newKafka) {
    return new AppConfig(newKafka, app, topologies);
  }

  public AppConfig withApp(AppSettings newApp) {
    return new AppConfig(kafka, newApp, topologies);
  }

  public Optional<TopologyConfig<?>> topology(String name) {
    return Optional.ofNullable(topologies.get(name));
  }
}
