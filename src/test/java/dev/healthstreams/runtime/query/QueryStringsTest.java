package dev.healthstreams.runtime.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryStringsTest {
  @Test
  void shouldDecodeAndKeepTheFirstOfARepeatedName() {
    assertEquals(
        Map.of("status", "on hold", "payer", "a&b", "flag", "", "limit", "5"),
        QueryStrings.parse("status=on+hold&payer=a%26b&flag&limit=5&limit=9&"));
    assertEquals(Map.of(), QueryStrings.parse(null));
  }
}
