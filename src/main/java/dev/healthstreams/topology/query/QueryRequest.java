package dev.healthstreams.topology.query;

import java.util.Map;
import java.util.Optional;

/**
 * A query's parameters, decoded: those of the path template and those of the query string (the
 * first value of a repeated one). Typed readers throw {@link BadQueryParameter} naming the
 * parameter, which the runtime answers with {@code 400}.
 */
public record QueryRequest(Map<String, String> pathParams, Map<String, String> queryParams) {
  public QueryRequest {
    pathParams = Map.copyOf(pathParams);
    queryParams = Map.copyOf(queryParams);
  }

  /** A parameter of the path template; the template guarantees it is there. */
  public String pathParam(String name) {
    String value = pathParams.get(name);
    if (value == null) {
      throw new IllegalArgumentException("the path template has no parameter " + name);
    }
    return value;
  }

  /** A query-string parameter; absent or empty gives empty. */
  public Optional<String> param(String name) {
    return Optional.ofNullable(queryParams.get(name)).filter(value -> !value.isEmpty());
  }

  /** An integer query-string parameter within [min, max], or {@code defaultValue} when absent. */
  public int intParam(String name, int defaultValue, int min, int max) {
    Optional<String> text = param(name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    int value;
    try {
      value = Integer.parseInt(text.get().trim());
    } catch (NumberFormatException e) {
      throw new BadQueryParameter(name, "'" + text.get() + "' is not an integer");
    }
    if (value < min || value > max) {
      throw new BadQueryParameter(name, "must be between " + min + " and " + max);
    }
    return value;
  }
}
