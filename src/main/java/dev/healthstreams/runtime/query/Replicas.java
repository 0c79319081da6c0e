package dev.healthstreams.runtime.query;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/** Replica addresses: what {@code application.server} says and what peers connect to. */
public final class Replicas {
  private Replicas() {}

  /** {@code app.advertised-host}, else this machine's host name, with the HTTP port. */
  public static HostInfo advertised(Optional<String> advertisedHost, int httpPort) {
    return new HostInfo(advertisedHost.orElseGet(Replicas::localHostName), httpPort);
  }

  public static String address(HostInfo host) {
    return host.host() + ":" + host.port();
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      // A container without its own name in /etc/hosts: peers cannot reach us by name anyway,
      // and app.advertised-host is the fix; loopback at least serves a single replica.
      return "localhost";
    }
  }
}
