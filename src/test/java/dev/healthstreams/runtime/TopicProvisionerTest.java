package dev.healthstreams.runtime;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

class TopicProvisionerTest {

  @Test
  void shouldFailWithinTimeoutNamingTheAddressWhenNoBrokerListens() throws IOException {
    String address = "127.0.0.1:" + unusedPort();
    Duration timeout = Duration.ofSeconds(2);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address))) {
      TopicProvisioner provisioner = new TopicProvisioner(admin, address, timeout);

      long started = System.nanoTime();
      KafkaException missingFailure =
          assertThrows(KafkaException.class, () -> provisioner.missing(List.of("fhir.patient")));
      KafkaException ensureFailure =
          assertThrows(
              KafkaException.class,
              () ->
                  provisioner.ensure(List.of(new TopicSpec("fhir.patient", 1, (short) 1, false))));
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertTrue(missingFailure.getMessage().contains(address), missingFailure.getMessage());
      assertTrue(ensureFailure.getMessage().contains(address), ensureFailure.getMessage());
      // Two calls, each bounded by the timeout, plus slack for a loaded machine.
      assertTrue(took.compareTo(timeout.multipliedBy(2).plusSeconds(3)) < 0, "took " + took);
    }
  }

  @Test
  void shouldRejectImpossibleTopicSpecs() {
    assertThrows(IllegalArgumentException.class, () -> new TopicSpec(" ", 1, (short) 1, false));
    assertThrows(IllegalArgumentException.class, () -> new TopicSpec("t", 0, (short) 1, false));
    assertThrows(IllegalArgumentException.class, () -> new TopicSpec("t", 1, (short) 0, false));
  }

  /** A port nothing listens on: bound once by the OS, then released. */
  private static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    }
  }
}
