package dev.healthstreams.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces FHIR NDJSON files (plain or gzip) to a topic, one record per non-blank line: the key is
 * the resource id (null when none is found, for the topology's dead-letter handling to deal with),
 * the value the line's bytes unchanged.
 */
public final class NdjsonReplayer {

  private static final Logger log = LoggerFactory.getLogger(NdjsonReplayer.class);
  private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** Told how many records were sent so far out of the total; must be cheap. */
  public interface Progress {
    void update(long sent, long total);
  }

  private final Producer<String, byte[]> producer;

  public NdjsonReplayer(Producer<String, byte[]> producer) {
    this.producer = Objects.requireNonNull(producer, "producer");
  }

  /**
   * rate: records/s, or <= 0 for unlimited. Counts lines first so progress has a total. Blank lines
   * skipped. Returns records sent; flushes; throws on send failure.
   */
  public long replay(List<Path> files, String topic, double rate, Progress progress) {
    Objects.requireNonNull(topic, "topic");
    Progress listener = progress != null ? progress : (sent, total) -> {};
    long total = NdjsonLines.count(files);
    ReplayRateLimiter limiter = ReplayRateLimiter.perSecond(rate);
    AtomicReference<Exception> firstFailure = new AtomicReference<>();
    long sent = 0;
    long lastProgress = System.nanoTime();
    listener.update(0, total);
    for (Path file : files) {
      try (NdjsonLines lines = NdjsonLines.open(file)) {
        for (byte[] line = lines.next(); line != null; line = lines.next()) {
          failIfAnySendFailed(firstFailure, topic, sent);
          limiter.acquire();
          producer.send(
              new ProducerRecord<>(topic, ResourceIds.idOf(line), line),
              (metadata, error) -> {
                if (error != null) {
                  firstFailure.compareAndSet(null, error);
                }
              });
          sent++;
          long now = System.nanoTime();
          if (now - lastProgress >= PROGRESS_INTERVAL_NANOS) {
            listener.update(sent, total);
            lastProgress = now;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not read " + file, e);
      }
    }
    producer.flush();
    failIfAnySendFailed(firstFailure, topic, sent);
    listener.update(sent, total);
    log.info("Replayed {} records from {} file(s) to topic {}", sent, files.size(), topic);
    return sent;
  }

  private static void failIfAnySendFailed(
      AtomicReference<Exception> firstFailure, String topic, long sent) {
    Exception failure = firstFailure.get();
    if (failure != null) {
      throw new KafkaException(
          "Sending to topic " + topic + " failed after " + sent + " records were handed over",
          failure);
    }
  }
}
