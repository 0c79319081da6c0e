package dev.healthstreams.runtime.query;

import com.sun.net.httpserver.HttpHandler;
import dev.healthstreams.topology.query.KeyLookup;
import dev.healthstreams.topology.query.ListQuery;
import dev.healthstreams.topology.query.QueryEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Serves the query endpoints the running topologies declare, on this replica's HTTP port, as {@code
 * self} (the address in {@code application.server}, where peers forward to).
 */
public final class QueryServer {
  private QueryServer() {}

  /**
   * @param endpointsByTopology each running topology's declared endpoints
   * @param streamsByTopology a topology's KafkaStreams once started (empty before)
   */
  public static HttpHandler handler(
      HostInfo self,
      long maxLag,
      Map<String, List<QueryEndpoint>> endpointsByTopology,
      Function<String, Optional<KafkaStreams>> streamsByTopology,
      MeterRegistry metrics) {
    return handler(
        self, maxLag, endpointsByTopology, streamsByTopology, metrics, QueryRecordWriter.NONE);
  }

  /**
   * @param writer writes the records answers leave behind (consent-table's audit events)
   */
  public static HttpHandler handler(
      HostInfo self,
      long maxLag,
      Map<String, List<QueryEndpoint>> endpointsByTopology,
      Function<String, Optional<KafkaStreams>> streamsByTopology,
      MeterRegistry metrics,
      QueryRecordWriter writer) {
    ReplicaContext replicas =
        new ReplicaContext(self, maxLag, new ReplicaClient(self), streamsByTopology, writer);
    QueryRouter router = new QueryRouter(new QueryMetrics(metrics));
    endpointsByTopology.forEach(
        (topology, endpoints) ->
            endpoints.forEach(
                endpoint ->
                    router.add(endpoint.path(), handlerFor(topology, endpoint, replicas, router))));
    return router;
  }

  private static QueryHandler handlerFor(
      String topology, QueryEndpoint endpoint, ReplicaContext replicas, QueryRouter router) {
    if (endpoint instanceof KeyLookup<?, ?> lookup) {
      return new KeyLookupHandler<>(topology, lookup, replicas, router::resolve);
    }
    return new ListQueryHandler(topology, (ListQuery) endpoint, replicas);
  }
}
