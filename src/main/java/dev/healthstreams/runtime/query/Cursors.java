package dev.healthstreams.runtime.query;

import dev.healthstreams.topology.query.BadQueryParameter;
import dev.healthstreams.topology.query.PageRequest;
import dev.healthstreams.topology.query.QueryRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Paging parameters: {@code limit} (1..1000, default 50) and {@code cursor}, the last key of the
 * previous page, base64url-encoded so that any key travels safely in a URL.
 */
final class Cursors {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 1000;

  private Cursors() {}

  static PageRequest page(QueryRequest request) {
    int limit = request.intParam("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    return new PageRequest(request.param("cursor").map(Cursors::decode), limit);
  }

  static String encode(String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  static String decode(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadQueryParameter("cursor", "not a cursor this service returned");
    }
  }
}
