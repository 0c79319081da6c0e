package dev.healthstreams.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The broker and controller ports of an embedded broker, kept next to its data so a restart reuses
 * them: addresses already handed to other processes (embedded.env) then stay valid.
 */
record EmbeddedPorts(int broker, int controller) {

  static final String FILE_NAME = "embedded-ports.properties";
  static final String HOST = "127.0.0.1";

  /** The ports stored in dataDir when both are still free, else fresh free ports; saved. */
  static EmbeddedPorts reuseOrPick(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    EmbeddedPorts ports =
        load(file).filter(EmbeddedPorts::bothFree).orElseGet(EmbeddedPorts::pickFree);
    ports.save(file);
    return ports;
  }

  static Optional<EmbeddedPorts> load(Path file) {
    Properties stored = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      stored.load(in);
      return Optional.of(
          new EmbeddedPorts(
              Integer.parseInt(stored.getProperty("broker.port", "")),
              Integer.parseInt(stored.getProperty("controller.port", ""))));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | NumberFormatException e) {
      // A damaged ports file only costs us the old addresses: pick new ones.
      return Optional.empty();
    }
  }

  void save(Path file) {
    Properties stored = new Properties();
    stored.setProperty("broker.port", Integer.toString(broker));
    stored.setProperty("controller.port", Integer.toString(controller));
    Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        stored.store(out, "ports of the embedded Kafka broker, reused on restart when free");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not save embedded broker ports to " + file, e);
    }
  }

  private boolean bothFree() {
    return broker != controller && isFree(broker) && isFree(controller);
  }

  private static boolean isFree(int port) {
    if (port <= 0 || port > 65535) {
      return false;
    }
    try (ServerSocket socket = new ServerSocket()) {
      // Same option as Kafka's acceptor, so a port in TIME_WAIT after our own clean shutdown
      // counts as free.
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static EmbeddedPorts pickFree() {
    // Both sockets are held open together so the two ports differ.
    try (ServerSocket first = bindEphemeral();
        ServerSocket second = bindEphemeral()) {
      return new EmbeddedPorts(first.getLocalPort(), second.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not find free ports on " + HOST, e);
    }
  }

  private static ServerSocket bindEphemeral() throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
    return socket;
  }
}
