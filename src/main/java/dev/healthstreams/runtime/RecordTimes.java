package dev.healthstreams.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Record times as backtest input gives them: epoch milliseconds, or ISO-8601 text. */
final class RecordTimes {
  private RecordTimes() {}

  /** Epoch millis, or null when the node holds no usable time (Kafka's -1 "none" included). */
  static Long of(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isIntegralNumber()) {
      return atOrAfterEpoch(node.longValue());
    }
    return node.isTextual() ? of(node.asText()) : null;
  }

  static Long of(String text) {
    try {
      return atOrAfterEpoch(OffsetDateTime.parse(text).toInstant().toEpochMilli());
    } catch (DateTimeParseException | ArithmeticException e) {
      // A time that does not parse is treated as absent: the record keeps the file's time.
      return null;
    }
  }

  /** Kafka rejects negative timestamps, and -1 is how `tail` shows "no timestamp". */
  private static Long atOrAfterEpoch(long millis) {
    return millis >= 0 ? millis : null;
  }
}
