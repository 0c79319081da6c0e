package dev.healthstreams.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces generated records (linger 5 ms, Kafka's default since 4.0; 256 KiB batches; acks=all),
 * as fast as it can or at a fixed rate. Each record's timestamp is the wall clock when it is handed
 * to the producer, which is where end-to-end latency starts. It shares the cores with the topology
 * it feeds, so it keeps count of the CPU it takes ({@link #cpuNanos}).
 */
public final class Loader implements AutoCloseable {
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final String CLIENT_ID = "healthstreams-bench-loader";
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private final KafkaProducer<String, byte[]> producer;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private long sendingCpuNanos;
  private Thread network;

  public Loader(Map<String, Object> clientProperties) {
    Map<String, Object> props = new java.util.HashMap<>(clientProperties);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /** Sends everything as fast as the producer takes it, then flushes; returns the count. */
  public long load(String topic, Iterator<ScaledRecord> records) {
    return load(topic, records, 0, Long.MAX_VALUE);
  }

  /**
   * Sends at {@code ratePerSecond} (0 = unlimited) for at most {@code maxNanos}, then flushes;
   * returns the count sent. A fixed rate is kept a millisecond at a time, not by parking between
   * records: at tens of thousands per second that would cost the loader a core of its own, taken
   * from the topology being measured.
   */
  public long load(
      String topic, Iterator<ScaledRecord> records, double ratePerSecond, long maxNanos) {
    long cpuAtStart = THREADS.getCurrentThreadCpuTime();
    try {
      return send(topic, records, ratePerSecond, maxNanos);
    } finally {
      sendingCpuNanos += THREADS.getCurrentThreadCpuTime() - cpuAtStart;
    }
  }

  /**
   * CPU time the loader has taken so far: the thread calling {@link #load} while in it, and the
   * producer's network thread, which compresses and sends the batches. The difference over a phase,
   * divided by its wall time, is how many cores the loader took from the machine.
   */
  public long cpuNanos() {
    Thread sender = networkThread();
    long networkCpu = sender == null ? 0 : Math.max(0, THREADS.getThreadCpuTime(sender.getId()));
    return sendingCpuNanos + networkCpu;
  }

  private Thread networkThread() {
    if (network == null) {
      network =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> t.getName().equals("kafka-producer-network-thread | " + CLIENT_ID))
              .findFirst()
              .orElse(null);
    }
    return network;
  }

  private long send(
      String topic, Iterator<ScaledRecord> records, double ratePerSecond, long maxNanos) {
    double perNano = ratePerSecond / 1e9;
    // After a stall, resume at the rate rather than bursting to catch up: at most 50 ms owed.
    double maxOwed = Math.max(1, ratePerSecond / 20);
    long start = System.nanoTime();
    long last = start;
    double owed = 0;
    long sent = 0;
    while (records.hasNext() && System.nanoTime() - start < maxNanos) {
      if (ratePerSecond > 0) {
        long now = System.nanoTime();
        owed = Math.min(maxOwed, owed + (now - last) * perNano);
        last = now;
        if (owed < 1) {
          LockSupport.parkNanos(TICK_NANOS);
          continue;
        }
        owed -= 1;
      }
      ScaledRecord record = records.next();
      producer.send(
          new ProducerRecord<>(
              topic, null, System.currentTimeMillis(), record.key(), record.value()),
          (metadata, error) -> {
            if (error != null) {
              failure.compareAndSet(null, error);
            }
          });
      sent++;
    }
    producer.flush();
    Exception error = failure.get();
    if (error != null) {
      throw new IllegalStateException("producing to " + topic + " failed", error);
    }
    return sent;
  }

  @Override
  public void close() {
    producer.close();
  }
}
