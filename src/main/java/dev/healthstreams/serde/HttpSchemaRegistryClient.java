package dev.healthstreams.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.errors.BadRecordException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;

/**
 * Client of a Confluent-API schema registry (Confluent, Karapace, Redpanda, Apicurio's {@code
 * /apis/ccompat/v7}). Registrations and lookups are cached, so each (subject, schema) and each id
 * costs one request per process.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI baseUri;
  private final String displayUrl;
  private final Optional<String> authorization;
  private final HttpClient http;
  private final ConcurrentMap<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
  private final ConcurrentMap<Integer, Schema> schemas = new ConcurrentHashMap<>();

  private record SubjectSchema(String subject, Schema schema) {}

  private record Answer(int status, JsonNode body) {}

  /**
   * {@code properties}, the Kafka properties, supply basic auth and TLS (see {@link
   * SchemaRegistries}), config-provider references resolved ({@link RegistryConfigProviders}).
   */
  public HttpSchemaRegistryClient(String url, Map<String, String> properties) {
    Map<String, String> kafkaProperties = RegistryConfigProviders.resolve(properties);
    String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.baseUri = URI.create(trimmed);
    this.displayUrl = withoutUserInfo(baseUri);
    this.authorization = RegistryBasicAuth.header(kafkaProperties);
    // HTTP/1.1: an h2c upgrade on POST confuses some registries and proxies.
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT);
    if ("https".equalsIgnoreCase(baseUri.getScheme())) {
      RegistryTls.context(kafkaProperties).ifPresent(builder::sslContext);
    }
    this.http = builder.build();
  }

  public String url() {
    return displayUrl;
  }

  @Override
  public int register(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer cached = ids.get(key);
    if (cached != null) {
      return cached;
    }
    Answer answer = post("/subjects/" + encode(subject) + "/versions", schemaBody(schema));
    if (answer.status() == 409) {
      throw new IncompatibleSchemaException(
          "schema registry "
              + displayUrl
              + " refused the schema for subject "
              + subject
              + " as incompatible"
              + detail(answer));
    }
    requireSuccess(answer, "register subject " + subject);
    int id = answer.body().path("id").asInt(-1);
    if (id < 0) {
      throw new SchemaRegistryException(
          "schema registry " + displayUrl + " answered a registration without an id");
    }
    ids.put(key, id);
    schemas.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public Schema schemaById(int id) {
    Schema cached = schemas.get(id);
    if (cached != null) {
      return cached;
    }
    Answer answer = send(request("/schemas/ids/" + id).GET().build());
    if (answer.status() == 404) {
      throw new BadRecordException(
          "unknown-schema-id", "schema id " + id + " is not in the registry");
    }
    requireSuccess(answer, "look up schema id " + id);
    Schema schema = parse(answer.body().path("schema").asText(), id);
    Schema raced = schemas.putIfAbsent(id, schema);
    return raced == null ? schema : raced;
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    Answer answer =
        post("/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema));
    if (answer.status() == 404) {
      return true; // no version yet: anything is compatible with nothing
    }
    requireSuccess(answer, "check compatibility of subject " + subject);
    return answer.body().path("is_compatible").asBoolean(false);
  }

  /** Lists subjects: cheap, authenticated, and answered by every Confluent-API registry. */
  @Override
  public void checkReachable() {
    requireSuccess(send(request("/subjects").GET().build()), "list subjects");
  }

  private Answer post(String path, String body) {
    return send(
        request(path)
            .header("Content-Type", CONTENT_TYPE)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUri + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", CONTENT_TYPE + ", application/json");
    authorization.ifPresent(value -> builder.header("Authorization", value));
    return builder;
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(response.statusCode(), readBody(response.body()));
    } catch (IOException e) {
      throw new SchemaRegistryException(
          "schema registry " + displayUrl + " unreachable: " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException("interrupted while calling schema registry " + displayUrl);
    }
  }

  private void requireSuccess(Answer answer, String action) {
    if (answer.status() / 100 != 2) {
      throw new SchemaRegistryException(
          "schema registry " + displayUrl + " could not " + action + detail(answer),
          answer.status(),
          null);
    }
  }

  private static String detail(Answer answer) {
    JsonNode body = answer.body();
    return ": HTTP "
        + answer.status()
        + (body.has("error_code") ? ", error_code " + body.get("error_code").asText() : "")
        + (body.has("message") ? ", " + body.get("message").asText() : "");
  }

  private static JsonNode readBody(byte[] body) {
    try {
      JsonNode node = body.length == 0 ? null : JSON.readTree(body);
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      return JSON.createObjectNode(); // e.g. an HTML error page from a proxy
    }
  }

  private static String schemaBody(Schema schema) {
    ObjectNode body = JSON.createObjectNode();
    body.put("schema", schema.toString());
    body.put("schemaType", "AVRO");
    return body.toString();
  }

  private Schema parse(String text, int id) {
    try {
      return new Schema.Parser().parse(text);
    } catch (RuntimeException e) {
      throw new SchemaRegistryException(
          "schema registry " + displayUrl + " returned an unparsable schema for id " + id, e);
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String withoutUserInfo(URI uri) {
    return uri.getUserInfo() == null
        ? uri.toString()
        : uri.toString().replace(uri.getRawUserInfo() + "@", "");
  }
}
