package dev.healthstreams.runtime.query;

import dev.healthstreams.topology.query.QueryAnswer;
import java.util.List;

/**
 * Writes the records a query answer leaves behind (see {@link QueryAnswer}) to the topology's
 * topics, and returns once they are acknowledged: the answer goes out only then.
 */
@FunctionalInterface
public interface QueryRecordWriter {
  /** For a server whose endpoints leave nothing behind: any record is an error (a 500). */
  QueryRecordWriter NONE =
      (topology, records) -> {
        if (!records.isEmpty()) {
          throw new IllegalStateException("no record writer for topology " + topology);
        }
      };

  void write(String topology, List<QueryAnswer.Outbound> records);
}
