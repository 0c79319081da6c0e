package dev.healthstreams.topology.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CorrelationTest {
  @Test
  void shouldPreferTheEnvelopesIdToTheHeader() {
    assertEquals("corr-envelope", Correlation.id("corr-envelope", headers("corr-header")));
  }

  @Test
  void shouldTakeTheHeaderOfABareRecord() {
    assertEquals("corr-header", Correlation.id(null, headers("corr-header")));
  }

  @Test
  void shouldHaveNoneWhenNeitherGivesOne() {
    assertNull(Correlation.id(null, new RecordHeaders()));
    assertNull(Correlation.id(null, null));
  }

  @Test
  void shouldTakeTheLastHeaderAndIgnoreOneWithoutValue() {
    Headers headers = headers("corr-1");
    headers.add(Correlation.HEADER, "corr-2".getBytes(StandardCharsets.UTF_8));
    assertEquals("corr-2", Correlation.fromHeader(headers));

    Headers empty = new RecordHeaders();
    empty.add(Correlation.HEADER, null);
    assertNull(Correlation.fromHeader(empty));
  }

  private static Headers headers(String correlationId) {
    Headers headers = new RecordHeaders();
    headers.add("other", "x".getBytes(StandardCharsets.UTF_8));
    headers.add(Correlation.HEADER, correlationId.getBytes(StandardCharsets.UTF_8));
    return headers;
  }
}
