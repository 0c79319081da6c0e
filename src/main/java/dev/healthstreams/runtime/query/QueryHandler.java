package dev.healthstreams.runtime.query;

import dev.healthstreams.topology.query.QueryRequest;

/** Answers one declared endpoint. */
interface QueryHandler {
  /**
   * @param pathAndQuery the request as received (still encoded), to send on to other replicas
   * @param forwarded whether another replica sent it: then it is answered here or fails
   */
  QueryResponse handle(QueryRequest request, String pathAndQuery, boolean forwarded);
}
