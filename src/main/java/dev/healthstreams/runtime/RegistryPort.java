package dev.healthstreams.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded registry's port, remembered in its data directory so that URLs other processes read
 * from {@code .healthstreams/embedded.env} stay right across restarts.
 */
final class RegistryPort {
  private static final String FILE = "registry.port";

  private RegistryPort() {}

  /** The port used last time when it is free again, else any free loopback port. */
  static int choose(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (Files.isRegularFile(file)) {
      try {
        int previous = Integer.parseInt(Files.readString(file, StandardCharsets.UTF_8).trim());
        if (isFree(previous)) {
          return previous;
        }
      } catch (IOException | NumberFormatException unreadable) {
        // A damaged port file only costs us the old port.
      }
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the schema registry", e);
    }
  }

  static void remember(Path dataDir, int port) {
    try {
      Files.writeString(dataDir.resolve(FILE), Integer.toString(port), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dataDir.resolve(FILE), e);
    }
  }

  private static boolean isFree(int port) {
    if (port <= 0 || port > 65535) {
      return false;
    }
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
