package dev.healthstreams.runtime.query;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.state.HostInfo;

/** What every handler needs: this replica's address, its streams, its peers, the lag bound. */
final class ReplicaContext {
  private static final long LAG_REUSE_NANOS = 1_000_000_000L;
  private final Map<KafkaStreams, LagSnapshot> lags =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final HostInfo self;
  private final long maxLag;
  private final ReplicaClient client;
  private final Function<String, Optional<KafkaStreams>> streamsByTopology;
  private final QueryRecordWriter writer;

  ReplicaContext(
      HostInfo self,
      long maxLag,
      ReplicaClient client,
      Function<String, Optional<KafkaStreams>> streamsByTopology) {
    this(self, maxLag, client, streamsByTopology, QueryRecordWriter.NONE);
  }

  ReplicaContext(
      HostInfo self,
      long maxLag,
      ReplicaClient client,
      Function<String, Optional<KafkaStreams>> streamsByTopology,
      QueryRecordWriter writer) {
    this.self = self;
    this.maxLag = maxLag;
    this.client = client;
    this.streamsByTopology = streamsByTopology;
    this.writer = writer;
  }

  /** Where the records an answer leaves behind are written. */
  QueryRecordWriter writer() {
    return writer;
  }

  HostInfo self() {
    return self;
  }

  String selfAddress() {
    return Replicas.address(self);
  }

  long maxLag() {
    return maxLag;
  }

  ReplicaClient client() {
    return client;
  }

  /** The topology's streams when RUNNING; otherwise it is rebalancing or restoring: 503. */
  KafkaStreams running(String topology) {
    KafkaStreams streams =
        streamsByTopology
            .apply(topology)
            .orElseThrow(() -> new NotReady("topology " + topology + " is starting"));
    KafkaStreams.State state = streams.state();
    if (state != KafkaStreams.State.RUNNING) {
      throw new NotReady("topology " + topology + " is " + state);
    }
    return streams;
  }

  /**
   * How many records this replica's copy of the store's partition trails its changelog by. Kafka
   * asks the broker for end offsets on every call, so the answer is reused for up to a second: a
   * standby's lag is compared with max-lag in records, which a second's drift barely moves.
   */
  OptionalLong lag(KafkaStreams streams, String store, int partition) {
    long now = System.nanoTime();
    LagSnapshot snapshot =
        lags.compute(
            streams,
            (s, old) ->
                old != null && now - old.takenAt() < LAG_REUSE_NANOS
                    ? old
                    : new LagSnapshot(now, s.allLocalStorePartitionLags()));
    Map<Integer, LagInfo> partitions = snapshot.lags().get(store);
    LagInfo lag = partitions == null ? null : partitions.get(partition);
    return lag == null ? OptionalLong.empty() : OptionalLong.of(lag.offsetLag());
  }

  private record LagSnapshot(long takenAt, Map<String, Map<Integer, LagInfo>> lags) {}
}
