package dev.healthstreams.runtime;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The one way this code base creates a JDK {@link HttpServer}: with TCP_NODELAY. The server writes
 * a response's headers and body separately; with Nagle's algorithm the body then waits for the
 * client's delayed ACK, about 40 ms on every answer. The JDK reads {@code
 * sun.net.httpserver.nodelay} once, when its first server is created in the JVM, so every server
 * (tests' stand-ins too) must be created here for the setting to hold.
 */
public final class HttpServers {
  static final String NODELAY = "sun.net.httpserver.nodelay";

  private HttpServers() {}

  public static HttpServer create(InetSocketAddress address) throws IOException {
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    return HttpServer.create(address, 0);
  }
}
