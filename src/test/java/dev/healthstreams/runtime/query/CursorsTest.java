package dev.healthstreams.runtime.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.healthstreams.topology.query.BadQueryParameter;
import dev.healthstreams.topology.query.PageRequest;
import dev.healthstreams.topology.query.QueryRequest;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CursorsTest {
  @Test
  void shouldDefaultTheLimitAndDecodeTheCursor() {
    String cursor = Cursors.encode("patient/ü 1");

    assertEquals(new PageRequest(Optional.empty(), 50), Cursors.page(request(Map.of())));
    assertEquals(
        new PageRequest(Optional.of("patient/ü 1"), 7),
        Cursors.page(request(Map.of("limit", "7", "cursor", cursor))));
  }

  @Test
  void shouldNameTheParameterThatIsMalformed() {
    assertEquals("limit", badParameter(Map.of("limit", "abc")));
    assertEquals("limit", badParameter(Map.of("limit", "0")));
    assertEquals("limit", badParameter(Map.of("limit", "1001")));
    assertEquals("cursor", badParameter(Map.of("cursor", "not*base64")));
  }

  private static String badParameter(Map<String, String> query) {
    return assertThrows(BadQueryParameter.class, () -> Cursors.page(request(query))).parameter();
  }

  private static QueryRequest request(Map<String, String> query) {
    return new QueryRequest(Map.of(), query);
  }
}
