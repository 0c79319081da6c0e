package dev.healthstreams.topology.query;

/**
 * An HTTP GET path a topology answers from its state stores. The runtime serves every declared
 * endpoint on each replica's HTTP port and finds the replica that holds the data; the topology only
 * says which store, how to find the key, and how to render a value.
 */
public sealed interface QueryEndpoint permits KeyLookup, ListQuery {
  /**
   * The path template; a segment written {@code {name}} matches any one segment, which {@link
   * QueryRequest#pathParam} then returns, e.g. {@code /medication-interaction/patients/{id}}.
   */
  String path();

  /** The store whose partitions decide which replicas answer. */
  String store();
}
