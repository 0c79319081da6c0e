package dev.healthstreams.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

public final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Http() {}

  public static HttpResponse<String> get(String url) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * {@code count} distinct free ports below Linux's ephemeral range (32768 and up), for processes
   * that are killed and started again on the same port: a port of the ephemeral range may be taken
   * by some client's outgoing connection while its server is down, and ports asked of the OS one at
   * a time may repeat once each probe socket is closed.
   */
  public static List<Integer> stablePorts(int count) throws Exception {
    Set<Integer> ports = new LinkedHashSet<>();
    Random random = new Random();
    for (int attempt = 0; ports.size() < count; attempt++) {
      if (attempt > 1000) {
        throw new IllegalStateException("no free port found in 20000-32767");
      }
      int port = 20_000 + random.nextInt(12_768);
      try (var probe = new java.net.ServerSocket(port)) {
        ports.add(port);
      } catch (java.io.IOException taken) {
        // in use: draw another
      }
    }
    return List.copyOf(ports);
  }

  public static int freePort() throws Exception {
    try (var socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
