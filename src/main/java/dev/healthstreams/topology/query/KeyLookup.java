package dev.healthstreams.topology.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One key of a key-value store: answered by the replica that owns the key's partition (or, when
 * that replica is down, a standby within {@code app.query.max-lag}).
 *
 * @param key the store key from the request (its path parameters, usually)
 * @param keySerializer the serializer the store's key is partitioned with
 * @param answer the answer from the request and the stored value; empty is a 404
 * @param includes other endpoints' answers carried in this one's (a JSON object)
 */
public record KeyLookup<K, V>(
    String path,
    String store,
    Function<QueryRequest, K> key,
    Serializer<K> keySerializer,
    Answer<V> answer,
    List<Include> includes)
    implements QueryEndpoint {

  public KeyLookup {
    includes = List.copyOf(includes);
  }

  public KeyLookup(
      String path,
      String store,
      Function<QueryRequest, K> key,
      Serializer<K> keySerializer,
      Answer<V> answer) {
    this(path, store, key, keySerializer, answer, List.of());
  }

  /**
   * Another declared key lookup's answer, put into this one's value as {@code field}: its {@code
   * value}, or null when it answers 404. It is asked as any request is (read here, or from the
   * replica that owns its key), so state partitioned otherwise than this store still joins the
   * answer; when it cannot answer (503), neither does this one: never half an answer.
   *
   * @param path the included endpoint's path for a request (percent-encoded as a URL's)
   */
  public record Include(String field, Function<QueryRequest, String> path) {}

  /** This lookup, also carrying the answer of the endpoint at {@code path} as {@code field}. */
  public KeyLookup<K, V> including(String field, Function<QueryRequest, String> path) {
    List<Include> more = new ArrayList<>(includes);
    more.add(new Include(field, path));
    return new KeyLookup<>(this.path, store, key, keySerializer, answer, more);
  }

  /** The answer to one request from the stored value. */
  @FunctionalInterface
  public interface Answer<V> {
    /**
     * @param value the stored value, null when the key is absent
     * @return the answer, or empty for a 404
     */
    Optional<QueryAnswer> answer(QueryRequest request, V value);
  }

  /**
   * A store keyed by strings, the key being the path parameter {@code keyParam}: the stored value
   * rendered as JSON, a missing key a 404.
   */
  public static <V> KeyLookup<String, V> byPathParam(
      String path, String store, String keyParam, Function<V, JsonNode> render) {
    return answering(
        path,
        store,
        keyParam,
        (request, value) ->
            value == null ? Optional.empty() : Optional.of(QueryAnswer.of(render.apply(value))));
  }

  /**
   * A store keyed by strings, the key being the path parameter {@code keyParam}, answered from the
   * whole request (its query parameters too) and the value, which may be absent.
   */
  public static <V> KeyLookup<String, V> answering(
      String path, String store, String keyParam, Answer<V> answer) {
    return new KeyLookup<>(
        path, store, request -> request.pathParam(keyParam), new StringSerializer(), answer);
  }

  /** A store keyed by strings, the key made from the request (several path parameters, say). */
  public static <V> KeyLookup<String, V> byStringKey(
      String path, String store, Function<QueryRequest, String> key, Function<V, JsonNode> render) {
    return new KeyLookup<>(
        path,
        store,
        key,
        new StringSerializer(),
        (request, value) ->
            value == null ? Optional.empty() : Optional.of(QueryAnswer.of(render.apply(value))));
  }
}
