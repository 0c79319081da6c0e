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
  private final HostInfo self;
  private final long maxLag;
  private final ReplicaClient client;
  private final Function<String, Optional<KafkaStreams>> streamsByTopology;

  ReplicaContext(
      HostInfo self,
      long maxLag,
      ReplicaClient client,
      Function<String, Optional<KafkaStreams>> streamsByTopology) {
    this.self = self;
    this.maxLag = maxLag;
    this.client = client;
    this.streamsByTopology = streamsByTopology;
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

  /** How many records this replica's copy of the store's partition trails its changelog by. */
  static OptionalLong lag(KafkaStreams streams, String store, int partition) {
    Map<Integer, LagInfo> partitions = streams.allLocalStorePartitionLags().get(store);
    LagInfo lag = partitions == null ? null : partitions.get(partition);
    return lag == null ? OptionalLong.empty() : OptionalLong.of(lag.offsetLag());
  }
}
