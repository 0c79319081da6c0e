package dev.healthstreams.topology;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Records a topology keeps in one of its table-like input topics, derived from its config (the
 * interaction knowledge file, say). The runtime makes the topic hold exactly these at start, and
 * backtest feeds them before any other input.
 */
public record TopicSeed<V extends SpecificRecord>(
    String role, Class<V> type, Map<String, V> records) {
  public TopicSeed {
    records = Map.copyOf(records);
  }
}
