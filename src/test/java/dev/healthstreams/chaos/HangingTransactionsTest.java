package dev.healthstreams.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class HangingTransactionsTest {
  private static final long NOW = 1_000_000L;
  private static final Duration QUIET = Duration.ofSeconds(60);
  private static final TopicPartition OFFSETS = new TopicPartition("__consumer_offsets", 7);
  private static final TopicPartition REPARTITION = new TopicPartition("app-repartition", 2);

  private static HangingTransactions.Open open(TopicPartition partition, long producerId, long at) {
    return new HangingTransactions.Open(
        partition,
        new ProducerState(producerId, 3, 10, at, OptionalInt.of(1), OptionalLong.of(500)));
  }

  private static TransactionDescription coordinator(
      long producerId, TransactionState state, TopicPartition... partitions) {
    return new TransactionDescription(
        1, state, producerId, 3, 10_000, OptionalLong.of(NOW - 70_000), Set.of(partitions));
  }

  @Test
  void shouldCallHangingATransactionTheCoordinatorHasNoneOpenFor() {
    var offsets = open(OFFSETS, 42, NOW - 61_000);

    assertEquals(
        List.of(offsets), HangingTransactions.hanging(List.of(offsets), List.of(), NOW, QUIET));
    assertEquals(
        List.of(offsets),
        HangingTransactions.hanging(
            List.of(offsets),
            List.of(coordinator(42, TransactionState.COMPLETE_ABORT, OFFSETS)),
            NOW,
            QUIET));
  }

  @Test
  void shouldCallHangingATransactionWhoseOpenCoordinatorTransactionLacksItsPartition() {
    var offsets = open(OFFSETS, 42, NOW - 61_000);

    assertEquals(
        List.of(offsets),
        HangingTransactions.hanging(
            List.of(offsets),
            List.of(coordinator(42, TransactionState.ONGOING, REPARTITION)),
            NOW,
            QUIET));
  }

  @Test
  void shouldLeaveATransactionItsCoordinatorHoldsOpenOrOneStillWriting() {
    var held = open(OFFSETS, 42, NOW - 61_000);
    var writing = open(REPARTITION, 43, NOW - 59_000);

    assertEquals(
        List.of(),
        HangingTransactions.hanging(
            List.of(held, writing),
            List.of(coordinator(42, TransactionState.PREPARE_COMMIT, OFFSETS)),
            NOW,
            QUIET));
  }

  @Test
  void shouldNotTakeAnotherProducersTransactionForThisOne() {
    var offsets = open(OFFSETS, 42, NOW - 61_000);

    assertEquals(
        List.of(offsets),
        HangingTransactions.hanging(
            List.of(offsets),
            List.of(coordinator(41, TransactionState.ONGOING, OFFSETS)),
            NOW,
            QUIET));
  }
}
