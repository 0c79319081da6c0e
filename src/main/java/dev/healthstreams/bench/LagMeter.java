package dev.healthstreams.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

/**
 * How far a Streams application's consumer group is behind, from the broker's point of view:
 * committed offsets ({@code listConsumerGroupOffsets}, group id = application id) against end
 * offsets ({@code listOffsets}). Under exactly-once a committed offset means the outputs of
 * everything before it are committed too.
 */
public final class LagMeter {
  private static final Duration POLL = Duration.ofMillis(50);

  private final Admin admin;

  public LagMeter(Admin admin) {
    this.admin = admin;
  }

  /** Partitions of the topics with their current end offsets. */
  public Map<TopicPartition, Long> endOffsets(Set<String> topics) {
    try {
      Set<TopicPartition> partitions = new HashSet<>();
      admin
          .describeTopics(topics)
          .allTopicNames()
          .get()
          .forEach(
              (name, description) ->
                  description
                      .partitions()
                      .forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
      return ends(partitions);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot list offsets of " + topics, e.getCause());
    }
  }

  /**
   * Waits until every partition of the topics answers list-offsets, which it does once its leader
   * is ready: producing earlier can race the new leader and fail the idempotent producer with an
   * out-of-order sequence. A just-created topic can be unknown to the broker asked for a moment, so
   * a retriable error is asked again until {@code timeout}.
   */
  public Map<TopicPartition, Long> awaitLeaders(Set<String> topics, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        return endOffsets(topics);
      } catch (IllegalStateException e) {
        if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
          throw e;
        }
        sleep(POLL);
      }
    }
  }

  /**
   * Total records the group still has to process: on {@code required} partitions up to their given
   * end offset, on every other partition it has committed on (repartition and subscription topics)
   * up to that partition's current end.
   */
  public long lag(String groupId, Map<TopicPartition, Long> required) {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
      Set<TopicPartition> others = new HashSet<>();
      committed.forEach(
          (tp, offset) -> {
            if (offset != null && !required.containsKey(tp)) {
              others.add(tp);
            }
          });
      Map<TopicPartition, Long> ends = new HashMap<>(required);
      ends.putAll(ends(others));
      long lag = 0;
      for (var end : ends.entrySet()) {
        OffsetAndMetadata at = committed.get(end.getKey());
        long position = at == null ? 0 : at.offset();
        lag += Math.max(0, end.getValue() - position);
      }
      return lag;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read offsets of group " + groupId, e.getCause());
    }
  }

  /**
   * Waits until the group has committed everything up to {@code required} (and on its internal
   * topics); returns System.nanoTime() of the poll that saw it. A slow topology still finishes: it
   * throws only when the lag has not come down for {@code stalled}.
   */
  public long awaitCaughtUp(String groupId, Map<TopicPartition, Long> required, Duration stalled) {
    long deadline = System.nanoTime() + stalled.toNanos();
    long lowest = Long.MAX_VALUE;
    long lag = -1;
    while (System.nanoTime() < deadline) {
      lag = lag(groupId, required);
      if (lag == 0) {
        return System.nanoTime();
      }
      if (lag < lowest) {
        lowest = lag;
        deadline = System.nanoTime() + stalled.toNanos();
      }
      sleep(POLL);
    }
    throw new IllegalStateException(
        "group " + groupId + " still " + lag + " records behind, no progress for " + stalled);
  }

  /**
   * Waits until the group has committed its inputs up to {@code inputs}, and then what they led to
   * on its repartition and subscription topics (its topics, named after the application id, but the
   * changelogs). {@link #lag} counts an internal partition only once the group has committed on it,
   * so right after the inputs' commit a later sub-topology may not have read what it was sent: a
   * replica closed then leaves its stores unwritten (seen once in CI, the restore bench's seed with
   * an empty changelog). What a sub-topology writes while catching up is awaited too, until the
   * ends stop moving.
   */
  public void awaitSettled(String groupId, Map<TopicPartition, Long> inputs, Duration stalled) {
    awaitCaughtUp(groupId, inputs, stalled);
    Set<String> internal = internalSources(groupId);
    Map<TopicPartition, Long> written = endOffsets(internal);
    while (true) {
      Map<TopicPartition, Long> required = new HashMap<>(inputs);
      required.putAll(written);
      awaitCaughtUp(groupId, required, stalled);
      Map<TopicPartition, Long> now = endOffsets(internal);
      if (now.equals(written)) {
        return;
      }
      written = now;
    }
  }

  private Set<String> internalSources(String groupId) {
    try {
      return admin.listTopics().names().get().stream()
          .filter(name -> name.startsWith(groupId + "-") && !name.endsWith("-changelog"))
          .collect(Collectors.toSet());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot list the topics", e.getCause());
    }
  }

  private Map<TopicPartition, Long> ends(Set<TopicPartition> partitions)
      throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
    Map<TopicPartition, Long> ends = new HashMap<>();
    if (request.isEmpty()) {
      return ends;
    }
    Map<TopicPartition, ListOffsetsResultInfo> result = admin.listOffsets(request).all().get();
    result.forEach((tp, info) -> ends.put(tp, info.offset()));
    return ends;
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
