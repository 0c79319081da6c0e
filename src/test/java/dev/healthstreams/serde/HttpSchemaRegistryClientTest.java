package dev.healthstreams.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.healthstreams.avro.ClinicalAlert;
import dev.healthstreams.errors.BadRecordException;
import dev.healthstreams.runtime.HttpServers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only the HTTP edges: auth header and status mapping. Protocol behaviour is tested in the IT. */
class HttpSchemaRegistryClientTest {
  private static final String JSON_TYPE = "application/vnd.schemaregistry.v1+json";

  private HttpServer server;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final List<String> paths = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startFakeRegistry() throws IOException {
    server = HttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    server.createContext("/subjects/accepted-value/versions", ex -> answer(ex, 200, "{\"id\":7}"));
    server.createContext(
        "/subjects/refused-value/versions",
        ex -> answer(ex, 409, "{\"error_code\":409,\"message\":\"incompatible\"}"));
    server.createContext(
        "/subjects/broken-value/versions",
        ex -> answer(ex, 500, "{\"error_code\":50001,\"message\":\"store error\"}"));
    server.createContext(
        "/schemas/ids/404",
        ex -> answer(ex, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}"));
    server.createContext(
        "/compatibility/subjects/new-value/versions/latest",
        ex -> answer(ex, 404, "{\"error_code\":40401,\"message\":\"Subject not found\"}"));
    server.start();
  }

  @AfterEach
  void stopFakeRegistry() {
    server.stop(0);
  }

  @Test
  void shouldSendBasicAuthFromUserInfoAndCacheRegistration() {
    SchemaRegistryClient client =
        client(
            Map.of(
                "basic.auth.credentials.source", "USER_INFO",
                "schema.registry.basic.auth.user.info", "alice:s3cret"));

    int first = client.register("accepted-value", ClinicalAlert.getClassSchema());
    int second = client.register("accepted-value", ClinicalAlert.getClassSchema());

    assertEquals(7, first);
    assertEquals(7, second);
    assertEquals(List.of("Basic " + base64("alice:s3cret")), authorizations);
  }

  @Test
  void shouldInheritSaslPlainCredentials() {
    SchemaRegistryClient client =
        client(
            Map.of(
                "basic.auth.credentials.source",
                "SASL_INHERIT",
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required"
                    + " username=\"svc-streams\" password=\"pw-1\";"));

    client.register("accepted-value", ClinicalAlert.getClassSchema());

    assertEquals(List.of("Basic " + base64("svc-streams:pw-1")), authorizations);
  }

  /** As Kafka's clients resolve the SASL login: the password from a mounted Secret file. */
  @Test
  void shouldResolveConfigProviderReferencesInTheCredentials(@TempDir Path secrets)
      throws IOException {
    Path file = secrets.resolve("registry.properties");
    Files.writeString(file, "user.info=alice:from-a-file\n");
    SchemaRegistryClient client =
        client(
            Map.of(
                "config.providers", "file",
                "config.providers.file.class",
                    "org.apache.kafka.common.config.provider.FileConfigProvider",
                "basic.auth.user.info", "${file:" + file + ":user.info}"));

    client.register("accepted-value", ClinicalAlert.getClassSchema());

    assertEquals(List.of("Basic " + base64("alice:from-a-file")), authorizations);
  }

  @Test
  void shouldSendNoAuthorizationWithoutCredentials() {
    client(Map.of()).register("accepted-value", ClinicalAlert.getClassSchema());

    assertEquals(List.of("none"), authorizations);
  }

  @Test
  void shouldMapMissingIdToUnknownSchemaId() {
    BadRecordException error =
        assertThrows(BadRecordException.class, () -> client(Map.of()).schemaById(404));

    assertEquals("unknown-schema-id", error.reason());
  }

  @Test
  void shouldMapConflictToIncompatibleSchema() {
    SchemaRegistryClient client = client(Map.of());

    assertThrows(
        IncompatibleSchemaException.class,
        () -> client.register("refused-value", ClinicalAlert.getClassSchema()));
  }

  @Test
  void shouldReportOtherErrorsWithStatusAndRegistryErrorCode() {
    SchemaRegistryException error =
        assertThrows(
            SchemaRegistryException.class,
            () -> client(Map.of()).register("broken-value", ClinicalAlert.getClassSchema()));

    assertEquals(500, error.status());
    assertTrue(error.getMessage().contains("50001"), error.getMessage());
  }

  @Test
  void shouldTreatSubjectWithoutVersionsAsCompatible() {
    assertTrue(client(Map.of()).isCompatible("new-value", ClinicalAlert.getClassSchema()));
    assertEquals(List.of("/compatibility/subjects/new-value/versions/latest"), paths);
  }

  @Test
  void shouldCheckReachabilityByListingSubjectsWithCredentials() {
    server.createContext("/subjects", ex -> answer(ex, 200, "[]"));

    client(Map.of("basic.auth.user.info", "alice:s3cret")).checkReachable();

    assertEquals(List.of("/subjects"), paths);
    assertEquals(1, authorizations.size());
  }

  @Test
  void shouldFailReachabilityCheckWhenUnreachable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    SchemaRegistryClient client =
        SchemaRegistries.connect("http://127.0.0.1:" + closedPort, Map.of());

    assertThrows(SchemaRegistryException.class, client::checkReachable);
  }

  @Test
  void shouldFailFastWithoutCredentialsInMessageWhenUnreachable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    SchemaRegistryClient client =
        SchemaRegistries.connect(
            "http://127.0.0.1:" + closedPort, Map.of("basic.auth.user.info", "alice:s3cret"));

    SchemaRegistryException error =
        assertTimeoutPreemptively(
            Duration.ofSeconds(4),
            () -> assertThrows(SchemaRegistryException.class, () -> client.schemaById(1)));

    assertTrue(error.getMessage().contains("unreachable"), error.getMessage());
    assertFalse(error.getMessage().contains("s3cret"), error.getMessage());
  }

  private SchemaRegistryClient client(Map<String, String> properties) {
    return SchemaRegistries.connect(
        "http://127.0.0.1:" + server.getAddress().getPort() + "/", properties);
  }

  private void answer(HttpExchange exchange, int status, String body) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    authorizations.add(authorization == null ? "none" : authorization);
    paths.add(exchange.getRequestURI().getPath());
    exchange.getRequestBody().readAllBytes();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", JSON_TYPE);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
