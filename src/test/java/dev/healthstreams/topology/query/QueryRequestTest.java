package dev.healthstreams.topology.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryRequestTest {
  private final QueryRequest request =
      new QueryRequest(
          Map.of("id", "p1"), Map.of("limit", "12", "status", "", "bad", "x1", "big", "99"));

  @Test
  void shouldReadPathAndQueryParameters() {
    assertEquals("p1", request.pathParam("id"));
    assertEquals(Optional.empty(), request.param("status"));
    assertEquals(Optional.of("x1"), request.param("bad"));
    assertEquals(12, request.intParam("limit", 5, 1, 100));
    assertEquals(5, request.intParam("absent", 5, 1, 100));
  }

  @Test
  void shouldNameAMalformedOrOutOfRangeParameter() {
    BadQueryParameter malformed =
        assertThrows(BadQueryParameter.class, () -> request.intParam("bad", 5, 1, 100));
    BadQueryParameter tooBig =
        assertThrows(BadQueryParameter.class, () -> request.intParam("big", 5, 1, 50));

    assertEquals("bad", malformed.parameter());
    assertEquals("bad: 'x1' is not an integer", malformed.getMessage());
    assertEquals("big: must be between 1 and 50", tooBig.getMessage());
  }

  @Test
  void shouldRejectAPathParameterTheTemplateDoesNotHave() {
    assertThrows(IllegalArgumentException.class, () -> request.pathParam("other"));
  }
}
