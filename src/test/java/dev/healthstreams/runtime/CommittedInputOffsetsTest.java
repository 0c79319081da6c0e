package dev.healthstreams.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.topology.support.CommittedInput;
import dev.healthstreams.topology.support.InputPosition;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class CommittedInputOffsetsTest {
  private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);

  private final AtomicReference<Map<TopicPartition, OffsetAndMetadata>> group =
      new AtomicReference<>(Map.of());
  private final CommittedInputOffsets offsets =
      new CommittedInputOffsets(
          () -> {
            if (group.get() == null) {
              throw new IllegalStateException("coordinator not available");
            }
            return group.get();
          },
          () -> {},
          "test");

  @Test
  void shouldTakeTheGroupsOffsetAsTheNextRecordToRead() {
    group.set(Map.of(ORDERS_0, new OffsetAndMetadata(12)));
    offsets.refresh();

    assertTrue(offsets.isCommitted(new InputPosition("orders", 0, 11)));
    assertFalse(offsets.isCommitted(new InputPosition("orders", 0, 12)));
    assertFalse(offsets.isCommitted(new InputPosition("orders", 1, 0)), "no offset: not known");
  }

  @Test
  void shouldKeepTheOffsetsItKnowsWhenAReadFails() {
    group.set(Map.of(ORDERS_0, new OffsetAndMetadata(12)));
    offsets.refresh();
    group.set(null);
    offsets.refresh();

    assertTrue(offsets.isCommitted(new InputPosition("orders", 0, 11)));
  }

  @Test
  void shouldSkipAPartitionWithoutACommittedOffset() {
    Map<TopicPartition, OffsetAndMetadata> withNull = new HashMap<>();
    withNull.put(ORDERS_0, null);
    group.set(withNull);
    offsets.refresh();

    assertFalse(offsets.isCommitted(new InputPosition("orders", 0, 0)));
  }

  @Test
  void shouldInstallNothingUnderExactlyOnce() throws Exception {
    Properties props = props(StreamsConfig.EXACTLY_ONCE_V2);

    CommittedInputOffsets.installUnderAtLeastOnce(props, "test").close();

    assertFalse(props.containsKey(CommittedInput.CONFIG));
  }

  @Test
  void shouldInstallItselfUnderAtLeastOnce() throws Exception {
    Properties props = props(StreamsConfig.AT_LEAST_ONCE);

    try (AutoCloseable installed = CommittedInputOffsets.installUnderAtLeastOnce(props, "test")) {
      assertTrue(props.get(CommittedInput.CONFIG) instanceof CommittedInputOffsets);
    }
  }

  private static Properties props(String guarantee) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "committed-input-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
    return props;
  }
}
