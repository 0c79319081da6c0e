package dev.healthstreams.runtime.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.runtime.query.Served.Copy;
import dev.healthstreams.topology.query.ListItem;
import dev.healthstreams.topology.query.ListQuery;
import dev.healthstreams.topology.query.LocalStores;
import dev.healthstreams.topology.query.PageRequest;
import dev.healthstreams.topology.query.QueryRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * A list query: asked of every replica that hosts the store (each lists its active partitions),
 * gathered and cut to the page here. A replica that cannot answer makes the whole answer a 503: a
 * list missing a replica's share would look complete and be wrong.
 */
final class ListQueryHandler implements QueryHandler {
  private final String topology;
  private final ListQuery query;
  private final ReplicaContext replicas;

  ListQueryHandler(String topology, ListQuery query, ReplicaContext replicas) {
    this.topology = topology;
    this.query = query;
    this.replicas = replicas;
  }

  @Override
  public QueryResponse handle(QueryRequest request, String pathAndQuery, boolean forwarded) {
    PageRequest page = Cursors.page(request);
    KafkaStreams streams = replicas.running(topology);
    if (forwarded) {
      return QueryResponse.of(200, localPage(streams, request, page).toJson(), Outcome.LOCAL);
    }
    Collection<StreamsMetadata> hosts = streams.streamsMetadataForStore(query.store());
    if (hosts.isEmpty()) {
      throw new NotReady("no replica holds store " + query.store() + " yet");
    }
    List<CompletableFuture<ReplicaPage>> parts = new ArrayList<>();
    for (StreamsMetadata host : hosts) {
      if (host.hostInfo().equals(replicas.self())) {
        parts.add(CompletableFuture.completedFuture(localPage(streams, request, page)));
      } else {
        parts.add(
            replicas
                .client()
                .getAsync(host.hostInfo(), pathAndQuery)
                .thenApply(answer -> partOf(answer, Replicas.address(host.hostInfo()))));
      }
    }
    List<ReplicaPage> pages = new ArrayList<>();
    for (CompletableFuture<ReplicaPage> part : parts) {
      pages.add(join(part));
    }
    PageMerge.Merged merged = PageMerge.merge(pages, page.limit());
    return QueryResponse.of(
        200, body(merged, pages), hosts.size() > 1 ? Outcome.FORWARDED : Outcome.LOCAL);
  }

  private ObjectNode body(PageMerge.Merged merged, List<ReplicaPage> pages) {
    ObjectNode body = QueryResponse.JSON.createObjectNode();
    body.set("items", ReplicaPage.items(merged.items()));
    body.put("nextCursor", merged.nextKey().map(Cursors::encode).orElse(null));
    long lag = pages.stream().mapToLong(p -> p.served().path("lag").asLong()).max().orElse(0);
    ObjectNode served = new Served(replicas.selfAddress(), Copy.ACTIVE, lag).toJson();
    ArrayNode parts = served.putArray("replicas");
    pages.forEach(p -> parts.add(p.served()));
    body.set("served", served);
    return body;
  }

  // Lists read active copies only (a standby would list its partitions twice). An active task is
  // queryable once restored, so its lag is 0.
  private ReplicaPage localPage(KafkaStreams streams, QueryRequest request, PageRequest page) {
    LocalStores stores = new ActiveStores(streams);
    try {
      List<ListItem> listed = query.lister().list(stores, request, page);
      return PageMerge.local(
          listed,
          page.after().orElse(null),
          page.limit(),
          new Served(replicas.selfAddress(), Copy.ACTIVE, 0));
    } catch (InvalidStateStoreException e) {
      throw new NotReady("store " + query.store() + " is migrating or restoring");
    }
  }

  private static ReplicaPage partOf(QueryResponse answer, String replica) {
    if (answer.status() != 200) {
      throw new NotReady("replica " + replica + " answered " + answer.status());
    }
    return ReplicaPage.fromJson(answer.body());
  }

  private static ReplicaPage join(CompletableFuture<ReplicaPage> part) {
    try {
      return part.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof NotReady notReady) {
        throw notReady;
      }
      if (e.getCause() instanceof IOException io) {
        throw new NotReady("a replica is unreachable (" + io.getClass().getSimpleName() + ")");
      }
      throw e;
    }
  }
}
