package dev.healthstreams.topology.consent;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * A JSON document written as bytes: fragments encoded once ({@link #fragment}) and string values,
 * written as Jackson's generator writes them (a value that needs escaping is written by the
 * generator itself), so the bytes are the generator's. The caller writes the punctuation; the
 * fragments carry most of it.
 */
final class JsonBytes {
  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] NULL = fragment("null");
  private static final long SECONDS_PER_DAY = 86_400;

  /** Instant.toString of 10000-01-01T00:00:00Z onwards has a sign: not written here. */
  private static final long END_OF_YEAR_9999_MS = 253_402_300_800_000L;

  private byte[] bytes;
  private int size;

  JsonBytes(int capacity) {
    bytes = new byte[capacity];
  }

  /** Constant JSON text, encoded once. */
  static byte[] fragment(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  JsonBytes raw(byte[] fragment) {
    ensure(fragment.length);
    System.arraycopy(fragment, 0, bytes, size, fragment.length);
    size += fragment.length;
    return this;
  }

  /** A JSON string (quoted, escaped), or {@code null}. */
  JsonBytes string(String value) {
    if (value == null) {
      return raw(NULL);
    }
    if (!plain(value)) {
      return raw(generated(value));
    }
    ensure(value.length() + 2);
    bytes[size++] = '"';
    for (int i = 0; i < value.length(); i++) {
      bytes[size++] = (byte) value.charAt(i);
    }
    bytes[size++] = '"';
    return this;
  }

  /** The instant as {@link Instant#toString()} writes it, quoted. */
  JsonBytes instant(long epochMillis) {
    if (epochMillis < 0 || epochMillis >= END_OF_YEAR_9999_MS) {
      return string(Instant.ofEpochMilli(epochMillis).toString());
    }
    // Instant.toString through DateTimeFormatter was an eighth of the AuditEvent's cost.
    long seconds = epochMillis / 1000;
    int millis = (int) (epochMillis % 1000);
    LocalDate date = LocalDate.ofEpochDay(seconds / SECONDS_PER_DAY);
    int secondOfDay = (int) (seconds % SECONDS_PER_DAY);
    ensure(26);
    bytes[size++] = '"';
    digits(date.getYear(), 4);
    bytes[size++] = '-';
    digits(date.getMonthValue(), 2);
    bytes[size++] = '-';
    digits(date.getDayOfMonth(), 2);
    bytes[size++] = 'T';
    digits(secondOfDay / 3600, 2);
    bytes[size++] = ':';
    digits(secondOfDay / 60 % 60, 2);
    bytes[size++] = ':';
    digits(secondOfDay % 60, 2);
    if (millis != 0) {
      bytes[size++] = '.';
      digits(millis, 3);
    }
    bytes[size++] = 'Z';
    bytes[size++] = '"';
    return this;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  /** The value as a JSON string, as Jackson's generator writes it (escapes, surrogate pairs). */
  private static byte[] generated(String value) {
    ByteArrayBuilder out = new ByteArrayBuilder(value.length() * 6 + 2);
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.writeString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** ASCII from space on, without quote or backslash: written as it is. */
  private static boolean plain(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  private void digits(int value, int width) {
    for (int i = width - 1; i >= 0; i--) {
      bytes[size + i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    size += width;
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
