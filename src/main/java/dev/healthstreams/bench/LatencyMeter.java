package dev.healthstreams.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * End-to-end latency: a read_committed consumer on an output topic notes, for each record, the wall
 * clock at arrival minus the record's timestamp (which Streams carries over from the input record
 * the loader stamped when sending). Records stamped before {@code measureFromMillis} are not
 * counted (warm-up).
 */
public final class LatencyMeter implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private final long measureFromMillis;
  private long[] samples = new long[1 << 16];
  private int count;
  private long seen;
  private final LatencyTimeline timeline = new LatencyTimeline();

  public LatencyMeter(Map<String, Object> clientProperties, String topic, long measureFromMillis) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "healthstreams-bench-latency-" + topic);
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    this.measureFromMillis = measureFromMillis;
    this.consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolve now: only records written after this count
    this.thread = new Thread(this::consume, "bench-latency-" + topic);
    thread.setDaemon(true);
    thread.start();
  }

  private void consume() {
    while (running.get()) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
        long now = System.currentTimeMillis();
        synchronized (this) {
          seen++;
          if (record.timestamp() >= measureFromMillis) {
            if (count == samples.length) {
              samples = java.util.Arrays.copyOf(samples, samples.length * 2);
            }
            long latency = now - record.timestamp();
            samples[count++] = latency;
            timeline.record(record.timestamp(), latency);
          }
        }
      }
    }
  }

  /** The quarter-seconds of sending with the slowest counted records; call after {@link #stop}. */
  public synchronized List<LatencyTimeline.Slot> slowestSlots(int n) {
    return timeline.slowest(n);
  }

  /** Records read so far (counted or not). */
  public synchronized long seen() {
    return seen;
  }

  /**
   * Waits until no record has arrived for {@code quiet} (at most {@code max}): called once the
   * topology has committed its input, so its committed outputs are readable and arrive within a few
   * polls.
   */
  public void awaitQuiet(Duration quiet, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    long last = seen();
    long lastChange = System.nanoTime();
    while (System.nanoTime() < deadline && System.nanoTime() - lastChange < quiet.toNanos()) {
      LagMeter.sleep(Duration.ofMillis(20));
      long now = seen();
      if (now != last) {
        last = now;
        lastChange = System.nanoTime();
      }
    }
  }

  /** Stops reading and returns the latencies (ms) counted. */
  public Percentiles stop() {
    running.set(false);
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      return new Percentiles(java.util.Arrays.copyOf(samples, count));
    }
  }

  @Override
  public void close() {
    running.set(false);
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close();
  }
}
