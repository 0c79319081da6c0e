package dev.healthstreams.cli.console;

import dev.healthstreams.topology.query.BenchQueries;
import dev.healthstreams.topology.query.KeyLookup;
import dev.healthstreams.topology.query.QueryEndpoint;
import dev.healthstreams.topology.query.QueryRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A query endpoint's path with a real key in place of its parameters, so the demo can print a link
 * that answers. The key is one the endpoint's store holds now; a key made of several parameters
 * ({@code system/id}) is split on "/", and kept only if the endpoint, asked with those parameters,
 * makes the same key again. An endpoint the bench asks with a query string (consent's decision)
 * gets the bench's. Otherwise the template is shown as it is.
 */
public final class QueryExamples {
  private static final Pattern PARAM = Pattern.compile("\\{([^}/]+)}");

  private QueryExamples() {}

  /**
   * @param anyKey a key the store of that name holds now, if any (read from the local stores)
   */
  public static String example(
      QueryEndpoint endpoint, BenchQueries bench, Function<String, Optional<Object>> anyKey) {
    List<String> params = params(endpoint.path());
    if (params.isEmpty() || !(endpoint instanceof KeyLookup<?, ?> lookup)) {
      return endpoint.path();
    }
    return anyKey
        .apply(lookup.store())
        .filter(String.class::isInstance)
        .map(String.class::cast)
        .flatMap(key -> fill(lookup, params, key).map(path -> withBenchQuery(path, key, bench)))
        .orElse(endpoint.path());
  }

  static List<String> params(String template) {
    return PARAM.matcher(template).results().map(m -> m.group(1)).toList();
  }

  private static Optional<String> fill(KeyLookup<?, ?> lookup, List<String> params, String key) {
    String[] parts = key.split("/", params.size());
    if (parts.length != params.size()) {
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < parts.length; i++) {
      values.put(params.get(i), parts[i]);
    }
    try {
      if (!key.equals(lookup.key().apply(new QueryRequest(values, Map.of())))) {
        return Optional.empty();
      }
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    Matcher m = PARAM.matcher(lookup.path());
    StringBuilder path = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          path,
          Matcher.quoteReplacement(
              URLEncoder.encode(values.get(m.group(1)), StandardCharsets.UTF_8)
                  .replace("+", "%20")));
    }
    m.appendTail(path);
    return Optional.of(path.toString());
  }

  /** The bench's path for the key, when it is this path plus a query string. */
  private static String withBenchQuery(String path, String key, BenchQueries bench) {
    if (bench.byKey() == null) {
      return path;
    }
    String benchPath = bench.byKey().apply(key);
    return benchPath.startsWith(path + "?") ? benchPath : path;
  }
}
