package dev.healthstreams.runtime.metrics;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Times every record a topology writes to one of its outputs, at the one place all of them pass:
 * the producer of each stream thread. Sinks, routes and punctuations of every topology are covered
 * without a line in any of them. Runs on the producer's network thread, so it only looks up a timer
 * and records into it.
 */
public final class OutputLatencyInterceptor implements ProducerInterceptor<Object, Object> {
  /** The producer config key that carries the topology's {@link EndToEndLatency}. */
  static final String LATENCY_CONFIG = "healthstreams.end-to-end-latency";

  private final Clock clock;
  private EndToEndLatency latency;

  public OutputLatencyInterceptor() {
    this(Clock.systemUTC());
  }

  OutputLatencyInterceptor(Clock clock) {
    this.clock = clock;
  }

  /**
   * Installs this interceptor on a topology's producers, after any the user configured under {@code
   * producer.interceptor.classes} or {@code interceptor.classes} (the prefixed key would otherwise
   * replace theirs).
   */
  public static void install(Properties props, EndToEndLatency latency) {
    String key = StreamsConfig.producerPrefix(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG);
    Object theirs = props.getOrDefault(key, props.get(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG));
    List<String> classes = new ArrayList<>();
    if (theirs instanceof String names && !names.isBlank()) {
      classes.addAll(List.of(names.trim().split("\\s*,\\s*")));
    } else if (theirs instanceof List<?> list) {
      list.forEach(c -> classes.add(c instanceof Class<?> type ? type.getName() : c.toString()));
    } else if (theirs instanceof Class<?> type) {
      classes.add(type.getName());
    }
    classes.add(OutputLatencyInterceptor.class.getName());
    props.put(key, String.join(",", classes));
    props.put(StreamsConfig.producerPrefix(LATENCY_CONFIG), latency);
  }

  @Override
  public void configure(Map<String, ?> configs) {
    if (configs.get(LATENCY_CONFIG) instanceof EndToEndLatency configured) {
      latency = configured;
    }
  }

  @Override
  public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
    return record;
  }

  /**
   * Acknowledged, not sent: the output is then in the log. Under exactly-once a reader sees it at
   * the next commit (every 100 ms by default), which this does not include.
   */
  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    if (latency != null && exception == null && metadata != null) {
      latency.record(metadata.topic(), metadata.timestamp(), clock.millis());
    }
  }

  @Override
  public void close() {}
}
