package dev.healthstreams.topology.query;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The HTTP queries {@code bench} times for a topology, after its stream phases: a key lookup for
 * keys of the records it fed (each a path with its query string), and list paths.
 *
 * @param byKey the path that looks up the state of the input record keyed so; null for none
 * @param lists paths of list queries, asked as they are
 */
public record BenchQueries(Function<String, String> byKey, List<String> lists) {
  public static final BenchQueries NONE = new BenchQueries(null, List.of());

  public BenchQueries {
    lists = List.copyOf(Objects.requireNonNull(lists, "lists"));
  }

  public boolean isEmpty() {
    return byKey == null && lists.isEmpty();
  }
}
