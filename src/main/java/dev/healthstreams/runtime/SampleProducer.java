package dev.healthstreams.runtime;

import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.topology.TopicRole;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces a role's sample file to one of its topics, each line read as {@code backtest} reads it
 * ({@link InputLineParser}): FHIR and JSON lines as their bytes, Avro JSON lines converted through
 * the role's schema, {@code tail} lines with their key and headers, each keyed as the role says.
 * Records are stamped when sent, not with the time in the file: the demo is live, and a sample's
 * history would otherwise sit on its topics as if months old.
 */
public final class SampleProducer {
  private static final Logger log = LoggerFactory.getLogger(SampleProducer.class);

  private final Producer<String, byte[]> producer;
  private final AvroSerdes avro;

  /**
   * The topics to feed and the role whose sample each takes: every table input first (patients and
   * medications must be known before the records enriched or resolved with them), then the streams;
   * a topic shared by two topologies once.
   */
  public static Map<String, TopicRole<?>> sampledInputs(List<BuiltTopology> topologies) {
    Map<String, TopicRole<?>> roleByTopic = new LinkedHashMap<>();
    for (TopicRole.Kind kind : List.of(TopicRole.Kind.TABLE_INPUT, TopicRole.Kind.STREAM_INPUT)) {
      for (BuiltTopology topology : topologies) {
        for (TopicRole<?> role : topology.definition().roles()) {
          if (role.kind() == kind && role.sample() != null) {
            topology.config().topics(role.name()).forEach(t -> roleByTopic.putIfAbsent(t, role));
          }
        }
      }
    }
    return roleByTopic;
  }

  public SampleProducer(Producer<String, byte[]> producer, AvroSerdes avro) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.avro = avro;
  }

  /**
   * Sends every line of {@code file} to {@code topic}; returns how many, after a flush. Throws
   * {@link UndeliveredRecordsException} when any of them was not delivered.
   */
  public long produce(TopicRole<?> role, String topic, Path file) {
    return produce(role, topic, file, false);
  }

  /**
   * As {@link #produce(TopicRole, String, Path)}; with {@code keepTimes} each record keeps the time
   * its line gives (as {@code backtest} reads it), so a run on a cluster can be compared with a
   * backtest of the same file record for record.
   */
  public long produce(TopicRole<?> role, String topic, Path file, boolean keepTimes) {
    InputLineParser parser = new InputLineParser(role, List.of(topic), avro);
    long[] sent = {0};
    Undelivered undelivered = new Undelivered();
    NdjsonLines.forEach(
        file,
        line -> {
          InputRecord record = parser.parse(line, file.getFileName() + " record " + (sent[0] + 1));
          producer.send(
              new ProducerRecord<>(
                  record.topic(),
                  null,
                  keepTimes ? record.time() : null,
                  record.key(),
                  record.value(),
                  record.headers()),
              undelivered);
          sent[0]++;
        });
    producer.flush();
    undelivered.check(sent[0], file, topic);
    log.info("Produced {} sample records of role {} to topic {}", sent[0], role.name(), topic);
    return sent[0];
  }

  /**
   * The sends the broker never acknowledged (delivery timeout, a fatal producer error): each is a
   * record missing from the topic, so {@link #produce} fails with their count instead of reporting
   * them sent.
   */
  private static final class Undelivered implements Callback {
    private final AtomicLong count = new AtomicLong();
    private final AtomicReference<Exception> first = new AtomicReference<>();

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
      if (exception != null) {
        count.incrementAndGet();
        first.compareAndSet(null, exception);
      }
    }

    void check(long sent, Path file, String topic) {
      if (count.get() > 0) {
        throw new UndeliveredRecordsException(
            count.get()
                + " of "
                + sent
                + " records of "
                + file.getFileName()
                + " were not delivered to "
                + topic
                + ": "
                + first.get(),
            first.get());
      }
    }
  }

  /** Records the producer could not deliver: the topic lacks them. */
  public static final class UndeliveredRecordsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UndeliveredRecordsException(String message, Exception cause) {
      super(message, cause);
    }
  }
}
