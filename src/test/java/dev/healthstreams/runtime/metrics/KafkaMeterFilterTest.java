package dev.healthstreams.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaMeterFilterTest {
  @Test
  void shouldExportWhatDashboardsAndStoreHealthNeedAndDropPerStoreLatenciesAndPerNodeMetrics() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    registry.config().meterFilter(new KafkaMeterFilter());
    List<String> offered =
        List.of(
            "kafka.stream.state.block.cache.usage",
            "kafka.stream.state.size.all.mem.tables",
            "kafka.stream.state.estimate.table.readers.mem",
            "kafka.stream.state.write.stall.duration.total",
            "kafka.stream.state.updater.restore.records.rate",
            "kafka.stream.state.put.latency.avg",
            "kafka.stream.state.bytes.read.total",
            "kafka.stream.state.record.e2e.latency.max",
            "kafka.stream.processor.node.process.total",
            "kafka.stream.processor.node.record.e2e.latency.avg",
            "kafka.consumer.fetch.manager.records.lag",
            "kafka.consumer.fetch.manager.records.lead.min",
            "kafka.consumer.fetch.manager.preferred.read.replica",
            "kafka.stream.topic.records.consumed.total",
            "kafka.stream.alive.stream.threads",
            "healthstreams.dead.letters");
    offered.forEach(name -> registry.gauge(name, 1.0));

    assertEquals(
        List.of(
            "healthstreams.dead.letters",
            "kafka.consumer.fetch.manager.records.lag",
            "kafka.stream.alive.stream.threads",
            "kafka.stream.state.block.cache.usage",
            "kafka.stream.state.estimate.table.readers.mem",
            "kafka.stream.state.size.all.mem.tables",
            "kafka.stream.state.updater.restore.records.rate",
            "kafka.stream.state.write.stall.duration.total",
            "kafka.stream.topic.records.consumed.total"),
        registry.getMeters().stream().map(m -> m.getId().getName()).sorted().toList());
  }

  @Test
  void shouldLetEveryMetricThroughWhenDetailedMetricsAreAskedFor() {
    List<String> offered =
        List.of(
            "kafka.stream.processor.node.process.total",
            "kafka.stream.state.put.latency.avg",
            "kafka.consumer.fetch.manager.records.lead.min",
            "kafka.stream.alive.stream.threads");
    SimpleMeterRegistry detailed = new SimpleMeterRegistry();
    detailed.config().meterFilter(KafkaMeterFilter.forSettings(true));
    SimpleMeterRegistry usual = new SimpleMeterRegistry();
    usual.config().meterFilter(KafkaMeterFilter.forSettings(false));
    offered.forEach(
        name -> {
          detailed.gauge(name, 1.0);
          usual.gauge(name, 1.0);
        });

    assertEquals(offered.size(), detailed.getMeters().size());
    assertEquals(
        List.of("kafka.stream.alive.stream.threads"),
        usual.getMeters().stream().map(m -> m.getId().getName()).toList());
  }
}
