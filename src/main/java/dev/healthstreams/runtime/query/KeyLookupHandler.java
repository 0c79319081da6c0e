package dev.healthstreams.runtime.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.runtime.query.Served.Copy;
import dev.healthstreams.topology.query.KeyLookup;
import dev.healthstreams.topology.query.QueryAnswer;
import dev.healthstreams.topology.query.QueryRequest;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key lookup: read here when this replica owns the key's partition, else relayed from the owner;
 * when the owner cannot be reached, a standby copy within {@code app.query.max-lag} answers (this
 * replica's own, or a peer's).
 */
final class KeyLookupHandler<K, V> implements QueryHandler {
  private static final Logger log = LoggerFactory.getLogger(KeyLookupHandler.class);

  private final String topology;
  private final KeyLookup<K, V> lookup;
  private final ReplicaContext replicas;
  private final IncludedAnswers includes;

  /**
   * @param includes answers a path of this replica's endpoints as a client's request (the lookup's
   *     {@link KeyLookup.Include}s)
   */
  KeyLookupHandler(
      String topology,
      KeyLookup<K, V> lookup,
      ReplicaContext replicas,
      Function<String, QueryResponse> includes) {
    this.topology = topology;
    this.lookup = lookup;
    this.replicas = replicas;
    this.includes = new IncludedAnswers(includes);
  }

  @Override
  public QueryResponse handle(QueryRequest request, String pathAndQuery, boolean forwarded) {
    K key = lookup.key().apply(request);
    KafkaStreams streams = replicas.running(topology);
    KeyQueryMetadata owner =
        streams.queryMetadataForKey(lookup.store(), key, lookup.keySerializer());
    if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
      throw new NotReady("no replica holds store " + lookup.store() + " yet");
    }
    int partition = owner.partition();
    if (replicas.self().equals(owner.activeHost())) {
      return read(request, streams, key, partition, Copy.ACTIVE, activeLag(streams, partition));
    }
    if (forwarded) {
      // Ownership moved since the sender looked: answer from a standby here or not at all.
      return readStandby(request, streams, key, partition)
          .orElseThrow(() -> new NotReady("partition " + partition + " is not held here"));
    }
    try {
      return replicas.client().get(owner.activeHost(), pathAndQuery);
    } catch (ReplicaClient.Unreachable e) {
      log.warn(
          "topology={} store={} partition={}: owner {}; trying standbys",
          topology,
          lookup.store(),
          partition,
          e.getMessage());
    }
    return fromStandby(request, streams, key, owner, pathAndQuery);
  }

  private QueryResponse fromStandby(
      QueryRequest request,
      KafkaStreams streams,
      K key,
      KeyQueryMetadata owner,
      String pathAndQuery) {
    int partition = owner.partition();
    if (owner.standbyHosts().contains(replicas.self())) {
      Optional<QueryResponse> local = readStandby(request, streams, key, partition);
      if (local.isPresent()) {
        return local.get();
      }
    }
    for (HostInfo standby : owner.standbyHosts()) {
      if (standby.equals(replicas.self())) {
        continue;
      }
      try {
        QueryResponse answer = replicas.client().get(standby, pathAndQuery);
        if (answer.status() != 503) {
          return answer.withOutcome(Outcome.STANDBY);
        }
      } catch (ReplicaClient.Unreachable e) {
        log.warn(
            "topology={} store={} partition={}: standby {}",
            topology,
            lookup.store(),
            partition,
            e.getMessage());
      }
    }
    throw new NotReady(
        "the owner of partition "
            + partition
            + " is unreachable and no standby is within "
            + replicas.maxLag()
            + " records");
  }

  private Optional<QueryResponse> readStandby(
      QueryRequest request, KafkaStreams streams, K key, int partition) {
    OptionalLong lag = replicas.lag(streams, lookup.store(), partition);
    if (lag.isEmpty() || lag.getAsLong() > replicas.maxLag()) {
      return Optional.empty();
    }
    return Optional.of(read(request, streams, key, partition, Copy.STANDBY, lag.getAsLong()));
  }

  // An active task is queryable only once restored, so its lag is 0 unless records arrived since.
  private long activeLag(KafkaStreams streams, int partition) {
    return replicas.lag(streams, lookup.store(), partition).orElse(0);
  }

  private QueryResponse read(
      QueryRequest request, KafkaStreams streams, K key, int partition, Copy copy, long lag) {
    StoreQueryParameters<ReadOnlyKeyValueStore<K, V>> parameters =
        StoreQueryParameters.fromNameAndType(
                lookup.store(), QueryableStoreTypes.<K, V>keyValueStore())
            .withPartition(partition);
    if (copy == Copy.STANDBY) {
      parameters = parameters.enableStaleStores();
    }
    V value;
    try {
      value = streams.store(parameters).get(key);
    } catch (InvalidStateStoreException e) {
      throw new NotReady("store " + lookup.store() + " is migrating or restoring");
    }
    Served served = new Served(replicas.selfAddress(), copy, lag);
    ObjectNode body = QueryResponse.JSON.createObjectNode().put("key", String.valueOf(key));
    Optional<QueryAnswer> answer = lookup.answer().answer(request, value);
    if (answer.isEmpty()) {
      body.put("error", "not found");
      body.set("served", served.toJson());
      return QueryResponse.of(404, body, Outcome.NOT_FOUND);
    }
    JsonNode answered = answer.get().body();
    ObjectNode servedJson = served.toJson();
    includes.addTo(answered, lookup.includes(), request, servedJson);
    // What the answer leaves behind (an audit event) is written before the answer is sent.
    replicas.writer().write(topology, answer.get().records());
    body.set("value", answered);
    body.set("served", servedJson);
    return QueryResponse.of(200, body, copy == Copy.ACTIVE ? Outcome.LOCAL : Outcome.STANDBY);
  }
}
