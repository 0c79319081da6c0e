package dev.healthstreams.serde;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/** JSON tree equality where 1, 1L and 1.0 are the same number, as they are once printed. */
final class JsonAssertions {
  private static final Comparator<JsonNode> NUMBERS_BY_VALUE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  private JsonAssertions() {}

  static void assertJsonEquals(JsonNode expected, JsonNode actual) {
    assertTrue(
        expected.equals(NUMBERS_BY_VALUE, actual),
        () -> "expected " + expected + "\n but was " + actual);
  }
}
