package dev.healthstreams.chaos;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;

/**
 * The broker's unfinished transactions, for a failure message. A read_committed restore cannot pass
 * a partition's last stable offset while a transaction is open on it: when a replica never gets
 * ready, this tells such a transaction (which producer, since when, on which partitions) from a
 * restore or rebalance stuck for another reason.
 */
final class OpenTransactions {
  static final Set<TransactionState> OPEN =
      Set.of(
          TransactionState.ONGOING,
          TransactionState.PREPARE_COMMIT,
          TransactionState.PREPARE_ABORT,
          TransactionState.PREPARE_EPOCH_FENCE);

  private OpenTransactions() {}

  /** Never throws: a broker that does not answer is said so. */
  static String describe(String bootstrapServers) {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000))) {
      Collection<TransactionListing> listings =
          admin.listTransactions().all().get(20, TimeUnit.SECONDS);
      List<String> open =
          listings.stream()
              .filter(listing -> OPEN.contains(listing.state()))
              .map(TransactionListing::transactionalId)
              .sorted()
              .toList();
      if (open.isEmpty()) {
        return "open transactions on the broker: none";
      }
      Map<String, TransactionDescription> described =
          admin.describeTransactions(open).all().get(20, TimeUnit.SECONDS);
      long now = System.currentTimeMillis();
      StringBuilder out = new StringBuilder("open transactions on the broker:");
      described.forEach(
          (id, transaction) ->
              out.append("\n  ")
                  .append(id)
                  .append(' ')
                  .append(transaction.state())
                  .append(" (producer ")
                  .append(transaction.producerId())
                  .append(", epoch ")
                  .append(transaction.producerEpoch())
                  .append(") open for ")
                  .append(
                      transaction.transactionStartTimeMs().isPresent()
                          ? (now - transaction.transactionStartTimeMs().getAsLong()) / 1000 + " s"
                          : "?")
                  .append(" on ")
                  .append(transaction.topicPartitions()));
      return out.toString();
    } catch (Exception e) {
      return "open transactions on the broker: not read (" + e + ")";
    }
  }
}
