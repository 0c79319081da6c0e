package dev.healthstreams.cli.console;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Records a topology has read from some topics, from its consumers' {@code records-consumed-total}
 * per topic (the main and global consumers; the restore consumer re-reads changelogs and is left
 * out). The consumer tags a topic with its dots as underscores, and newer clients add the real name
 * beside it: names are compared with dots as underscores and each consumer's largest figure for a
 * topic taken, so the two are not added up.
 */
public final class InputCounts {
  static final String GROUP = "consumer-fetch-manager-metrics";
  static final String NAME = "records-consumed-total";

  private InputCounts() {}

  public static long read(KafkaStreams streams, Set<String> topics) {
    return read(streams.metrics(), topics);
  }

  static long read(Map<MetricName, ? extends Metric> metrics, Set<String> topics) {
    Set<String> wanted = topics.stream().map(InputCounts::tagged).collect(Collectors.toSet());
    Map<String, Double> byClientAndTopic = new HashMap<>();
    metrics.forEach(
        (name, metric) -> {
          String topic = name.tags().get("topic");
          String client = name.tags().get("client-id");
          if (NAME.equals(name.name())
              && GROUP.equals(name.group())
              && topic != null
              && client != null
              && !client.endsWith("restore-consumer")
              && wanted.contains(tagged(topic))
              && metric.metricValue() instanceof Number value) {
            byClientAndTopic.merge(client + " " + tagged(topic), value.doubleValue(), Math::max);
          }
        });
    return Math.round(byClientAndTopic.values().stream().mapToDouble(Double::doubleValue).sum());
  }

  private static String tagged(String topic) {
    return topic.replace('.', '_');
  }
}
