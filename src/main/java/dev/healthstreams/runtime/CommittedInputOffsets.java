package dev.healthstreams.runtime;

import dev.healthstreams.topology.support.CommittedInput;
import dev.healthstreams.topology.support.InputPosition;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The input a topology has committed under at-least-once, as its consumer group has it, read every
 * commit interval (at most every second, at least every 30 s) and shared with the processors that
 * keep an undo log through the Streams config ({@link CommittedInput#CONFIG}). Kafka Streams tells
 * a processor nothing of commits; the group's committed offsets are what a restarted replica reads
 * from, so they are exactly what can be read again.
 *
 * <p>A stale or failed read only keeps undo entries longer: the offsets known never run ahead of
 * the group's.
 */
final class CommittedInputOffsets implements CommittedInput, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CommittedInputOffsets.class);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final Supplier<Map<TopicPartition, OffsetAndMetadata>> groupOffsets;
  private final AutoCloseable client;
  private final ScheduledExecutorService reads;
  private volatile Map<TopicPartition, Long> committed = Map.of();

  CommittedInputOffsets(
      Supplier<Map<TopicPartition, OffsetAndMetadata>> groupOffsets,
      AutoCloseable client,
      String name) {
    this.groupOffsets = groupOffsets;
    this.client = client;
    this.reads = DaemonThreads.scheduler("healthstreams-committed-input-" + name);
  }

  /**
   * Under at-least-once, starts reading the committed offsets of the application built from {@code
   * props} and installs this in {@code props}; under exactly-once installs nothing (no processor
   * keeps an undo log there) and returns a no-op.
   */
  static AutoCloseable installUnderAtLeastOnce(Properties props, String name) {
    if (StreamsConfig.EXACTLY_ONCE_V2.equals(
        props.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))) {
      return () -> {};
    }
    Map<String, Object> configs = new HashMap<>();
    props.forEach((k, v) -> configs.put(String.valueOf(k), v));
    configs.keySet().removeIf(key -> key.startsWith("healthstreams."));
    StreamsConfig streams = new StreamsConfig(configs);
    String groupId = streams.getString(StreamsConfig.APPLICATION_ID_CONFIG);
    Admin admin = Admin.create(streams.getAdminConfigs(groupId + "-committed-input"));
    CommittedInputOffsets offsets =
        new CommittedInputOffsets(
            () -> read(admin, groupId), () -> admin.close(CLOSE_TIMEOUT), name);
    long every =
        Math.min(Math.max(streams.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG), 1_000), 30_000);
    offsets.reads.scheduleWithFixedDelay(offsets::refresh, 0, every, TimeUnit.MILLISECONDS);
    props.put(CommittedInput.CONFIG, offsets);
    return offsets;
  }

  private static Map<TopicPartition, OffsetAndMetadata> read(Admin admin, String groupId) {
    try {
      return admin
          .listConsumerGroupOffsets(groupId)
          .partitionsToOffsetAndMetadata()
          .get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Reads the group's offsets once; on a failure keeps the ones known. */
  void refresh() {
    try {
      Map<TopicPartition, Long> next = new HashMap<>();
      groupOffsets
          .get()
          .forEach(
              (partition, offset) -> {
                if (offset != null) {
                  next.put(partition, offset.offset());
                }
              });
      committed = Map.copyOf(next);
    } catch (RuntimeException e) {
      log.debug("committed offsets not read this time: {}", e.toString());
    }
  }

  @Override
  public boolean isCommitted(InputPosition position) {
    Long next = committed.get(new TopicPartition(position.topic(), position.partition()));
    // The group commits the offset of the next record to read.
    return next != null && position.offset() < next;
  }

  @Override
  public void close() {
    reads.shutdownNow();
    try {
      client.close();
    } catch (Exception e) {
      log.debug("committed-offsets client did not close cleanly: {}", e.toString());
    }
  }
}
