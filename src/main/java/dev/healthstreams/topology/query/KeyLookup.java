package dev.healthstreams.topology.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One key of a key-value store: answered by the replica that owns the key's partition (or, when
 * that replica is down, a standby within {@code app.query.max-lag}). A missing key is a 404.
 *
 * @param key the store key from the request (its path parameters, usually)
 * @param keySerializer the serializer the store's key is partitioned with
 * @param render the stored value as the JSON the endpoint answers
 */
public record KeyLookup<K, V>(
    String path,
    String store,
    Function<QueryRequest, K> key,
    Serializer<K> keySerializer,
    Function<V, JsonNode> render)
    implements QueryEndpoint {

  /** A store keyed by strings, the key being the path parameter {@code keyParam}. */
  public static <V> KeyLookup<String, V> byPathParam(
      String path, String store, String keyParam, Function<V, JsonNode> render) {
    return new KeyLookup<>(
        path, store, request -> request.pathParam(keyParam), new StringSerializer(), render);
  }

  /** A store keyed by strings, the key made from the request (several path parameters, say). */
  public static <V> KeyLookup<String, V> byStringKey(
      String path, String store, Function<QueryRequest, String> key, Function<V, JsonNode> render) {
    return new KeyLookup<>(path, store, key, new StringSerializer(), render);
  }
}
