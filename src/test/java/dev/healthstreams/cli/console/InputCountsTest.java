package dev.healthstreams.cli.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class InputCountsTest {
  private final Map<MetricName, Metric> metrics = new HashMap<>();

  private void metric(String group, String name, String client, String topic, double value) {
    Map<String, String> tags = new HashMap<>();
    tags.put("client-id", client);
    if (topic != null) {
      tags.put("topic", topic);
    }
    MetricName metricName = new MetricName(name, group, "", tags);
    metrics.put(
        metricName,
        new Metric() {
          @Override
          public MetricName metricName() {
            return metricName;
          }

          @Override
          public Object metricValue() {
            return value;
          }
        });
  }

  @Test
  void shouldAddTheMainAndGlobalConsumersReadsOfTheTopicsOnly() {
    String fetch = InputCounts.GROUP;
    String consumed = InputCounts.NAME;
    metric(fetch, consumed, "app-StreamThread-1-consumer", "fhir_observation", 100);
    metric(
        fetch,
        consumed,
        "app-StreamThread-1-consumer",
        "fhir.observation",
        100); // same, named twice
    metric(fetch, consumed, "app-StreamThread-2-consumer", "fhir_observation", 20);
    metric(fetch, consumed, "app-global-consumer", "fhir_patient", 12);
    metric(fetch, consumed, "app-StreamThread-1-restore-consumer", "fhir_observation", 500);
    metric(fetch, consumed, "app-StreamThread-1-consumer", "app-repartition", 7);
    metric(fetch, consumed, "app-StreamThread-1-consumer", null, 139); // all topics
    metric(fetch, "records-consumed-rate", "app-StreamThread-1-consumer", "fhir_observation", 3);
    metric("producer-topic-metrics", consumed, "app-producer", "fhir_observation", 9);

    assertEquals(
        132, InputCounts.read(metrics, Set.of("fhir.observation", "fhir.patient", "fhir.other")));
  }
}
