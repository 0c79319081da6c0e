package dev.healthstreams.runtime.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Sends a query on to another replica, marked with the {@link #HOP_HEADER} so that the replica
 * answers from its own copies and never forwards it again.
 */
final class ReplicaClient {
  /** Carries the forwarding replica's host:port; its presence means "answer locally or fail". */
  static final String HOP_HEADER = "X-Healthstreams-Forwarded-By";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(CONNECT_TIMEOUT)
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  private final String self;

  ReplicaClient(HostInfo self) {
    this.self = Replicas.address(self);
  }

  /** The replica could not be reached or did not answer in time. */
  static final class Unreachable extends Exception {
    Unreachable(HostInfo replica, Throwable cause) {
      super(Replicas.address(replica) + " unreachable: " + cause.getClass().getSimpleName(), cause);
    }
  }

  /** {@code pathAndQuery} as received (still encoded), asked of {@code replica}. */
  QueryResponse get(HostInfo replica, String pathAndQuery) throws Unreachable {
    try {
      return getAsync(replica, pathAndQuery).join();
    } catch (CompletionException e) {
      throw new Unreachable(replica, e.getCause() == null ? e : e.getCause());
    }
  }

  /** Completes exceptionally (an {@link IOException}) when the replica cannot be reached. */
  CompletableFuture<QueryResponse> getAsync(HostInfo replica, String pathAndQuery) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + Replicas.address(replica) + pathAndQuery))
            .timeout(REQUEST_TIMEOUT)
            .header(HOP_HEADER, self)
            .GET()
            .build();
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(
            response ->
                new QueryResponse(response.statusCode(), response.body(), Outcome.FORWARDED));
  }
}
