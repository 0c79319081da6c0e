package dev.healthstreams.chaos;

import static java.util.concurrent.TimeUnit.SECONDS;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.TopicPartition;

/**
 * Transactions a partition still holds open although their coordinator has none open there:
 * KIP-664's hanging transactions, found and aborted as {@code kafka-transactions.sh find-hanging}
 * and {@code abort} do. A broker killed while a transaction ends can leave one behind (once in CI:
 * a replica stuck for five minutes on "unstable offsets" of a repartition topic's committed offset,
 * with no transaction open on the coordinator). Nothing else ends it, and every consumer that reads
 * the partition's committed offsets, or the partition itself under read_committed, waits on it. An
 * operator aborts it; so does the chaos run, and says so in its report.
 */
final class HangingTransactions {
  /** One partition's open transaction. */
  record Open(TopicPartition partition, ProducerState producer) {
    @Override
    public String toString() {
      return partition
          + " producer "
          + producer.producerId()
          + " epoch "
          + producer.producerEpoch()
          + " from offset "
          + producer.currentTransactionStartOffset().orElse(-1);
    }
  }

  private HangingTransactions() {}

  /**
   * The transactions open on any partition (internal topics included) whose last write is older
   * than {@code quietFor} and that no open coordinator transaction of their producer includes.
   */
  static List<Open> find(Admin admin, Duration quietFor) throws Exception {
    List<Open> open = onPartitions(admin);
    if (open.isEmpty()) {
      return List.of();
    }
    Set<Long> producerIds =
        open.stream().map(o -> o.producer().producerId()).collect(Collectors.toSet());
    Collection<TransactionListing> listings =
        admin
            .listTransactions(new ListTransactionsOptions().filterProducerIds(producerIds))
            .all()
            .get(30, SECONDS);
    Map<String, TransactionDescription> described =
        listings.isEmpty()
            ? Map.of()
            : admin
                .describeTransactions(
                    listings.stream().map(TransactionListing::transactionalId).toList())
                .all()
                .get(30, SECONDS);
    return hanging(open, described.values(), System.currentTimeMillis(), quietFor);
  }

  /** For a failure message: every transaction open on a partition. Never throws. */
  static String describe(String bootstrapServers) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      List<Open> open = onPartitions(admin);
      return "transactions open on partitions: " + (open.isEmpty() ? "none" : open);
    } catch (Exception e) {
      return "transactions open on partitions: not read (" + e + ")";
    }
  }

  /** Every transaction open on a partition, as the partitions' leaders see them. */
  static List<Open> onPartitions(Admin admin) throws Exception {
    Set<String> topics =
        admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, SECONDS);
    List<TopicPartition> partitions =
        admin.describeTopics(topics).allTopicNames().get(30, SECONDS).values().stream()
            .flatMap(
                topic ->
                    topic.partitions().stream()
                        .map(p -> new TopicPartition(topic.name(), p.partition())))
            .toList();
    List<Open> open = new ArrayList<>();
    admin
        .describeProducers(partitions)
        .all()
        .get(30, SECONDS)
        .forEach(
            (partition, state) ->
                state.activeProducers().stream()
                    .filter(p -> p.currentTransactionStartOffset().isPresent())
                    .forEach(p -> open.add(new Open(partition, p))));
    return open;
  }

  /**
   * The pure part of {@link #find}: those of {@code open} quiet for {@code quietFor} at {@code now}
   * that none of the coordinator's {@code transactions} holds open on their partition.
   */
  static List<Open> hanging(
      List<Open> open,
      Collection<TransactionDescription> transactions,
      long now,
      Duration quietFor) {
    return open.stream()
        .filter(o -> now - o.producer().lastTimestamp() >= quietFor.toMillis())
        .filter(o -> transactions.stream().noneMatch(t -> holds(t, o)))
        .toList();
  }

  private static boolean holds(TransactionDescription transaction, Open open) {
    return transaction.producerId() == open.producer().producerId()
        && OpenTransactions.OPEN.contains(transaction.state())
        && transaction.topicPartitions().contains(open.partition());
  }

  /** Writes an abort marker for each, as {@code kafka-transactions.sh abort} does. */
  static void abort(Admin admin, List<Open> hanging) throws Exception {
    for (Open open : hanging) {
      ProducerState producer = open.producer();
      admin
          .abortTransaction(
              new AbortTransactionSpec(
                  open.partition(),
                  producer.producerId(),
                  (short) producer.producerEpoch(),
                  producer.coordinatorEpoch().orElse(0)))
          .all()
          .get(30, SECONDS);
    }
  }
}
