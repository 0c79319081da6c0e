package dev.healthstreams.runtime;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * One input file read a record at a time (never whole: merges hold one record per file). A record
 * without a time of its own takes the time of the record before it in the file, so a line that
 * carries none (a poison record, say) never moves time forward.
 */
final class InputFile implements Closeable {
  private final Path path;
  private final int sequence;
  private final InputLineParser parser;
  private final NdjsonLines lines;
  private long recordNumber;
  private Long lastTime;
  private InputRecord head;

  /** {@code sequence} orders files whose heads have the same time: the order they were given. */
  InputFile(Path path, int sequence, InputLineParser parser) {
    this.path = path;
    this.sequence = sequence;
    this.parser = parser;
    try {
      this.lines = NdjsonLines.open(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + path, e);
    }
    advance();
  }

  int sequence() {
    return sequence;
  }

  /** The next record, not taken; null at the end of the file. */
  InputRecord peek() {
    return head;
  }

  InputRecord take() {
    InputRecord taken = head;
    advance();
    return taken;
  }

  private void advance() {
    byte[] line;
    try {
      line = lines.next();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + path, e);
    }
    if (line == null) {
      head = null;
      return;
    }
    recordNumber++;
    InputRecord record = parser.parse(line, path + " record " + recordNumber);
    if (record.time() == null) {
      head = record.withTime(lastTime);
    } else {
      lastTime = record.time();
      head = record;
    }
  }

  @Override
  public void close() {
    try {
      lines.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not close " + path, e);
    }
  }
}
