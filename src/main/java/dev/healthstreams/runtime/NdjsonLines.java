package dev.healthstreams.runtime;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * The non-blank lines of an NDJSON file as raw bytes, so records keep the file's exact bytes. Gzip
 * is recognised by its magic bytes, not by the file name.
 */
public final class NdjsonLines implements Closeable {

  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;
  private static final int CHUNK = 64 * 1024;

  private final InputStream in;
  private final byte[] chunk = new byte[CHUNK];
  private int chunkPos;
  private int chunkEnd;
  private byte[] line = new byte[8 * 1024];
  private int lineLength;

  private NdjsonLines(InputStream in) {
    this.in = in;
  }

  static NdjsonLines open(Path file) throws IOException {
    BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), CHUNK);
    try {
      return new NdjsonLines(isGzip(raw) ? new GZIPInputStream(raw, CHUNK) : raw);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** Calls {@code action} with each non-blank line of the file, in order. */
  public static void forEach(Path file, Consumer<byte[]> action) {
    try (NdjsonLines lines = open(file)) {
      for (byte[] line = lines.next(); line != null; line = lines.next()) {
        action.accept(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file, e);
    }
  }

  /** The number of non-blank lines in all files, read once so progress can show a total. */
  static long count(List<Path> files) {
    long total = 0;
    for (Path file : files) {
      try (NdjsonLines lines = open(file)) {
        while (lines.next() != null) {
          total++;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not read " + file, e);
      }
    }
    return total;
  }

  /** The next non-blank line without its line terminator, or null at the end of the file. */
  byte[] next() throws IOException {
    while (readLine()) {
      if (!isBlank()) {
        return Arrays.copyOf(line, lineLength);
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private static boolean isGzip(BufferedInputStream in) throws IOException {
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    return first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2;
  }

  /** Reads up to the next '\n' (dropping it and a preceding '\r'); false at end of input. */
  private boolean readLine() throws IOException {
    lineLength = 0;
    boolean readAnything = false;
    while (true) {
      if (chunkPos == chunkEnd && !fillChunk()) {
        return readAnything;
      }
      readAnything = true;
      int start = chunkPos;
      while (chunkPos < chunkEnd && chunk[chunkPos] != '\n') {
        chunkPos++;
      }
      append(start, chunkPos - start);
      if (chunkPos < chunkEnd) {
        chunkPos++; // the '\n'
        if (lineLength > 0 && line[lineLength - 1] == '\r') {
          lineLength--;
        }
        return true;
      }
    }
  }

  private boolean fillChunk() throws IOException {
    int read = in.read(chunk, 0, chunk.length);
    chunkPos = 0;
    chunkEnd = Math.max(read, 0);
    return read > 0;
  }

  private void append(int from, int length) {
    if (lineLength + length > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
    }
    System.arraycopy(chunk, from, line, lineLength, length);
    lineLength += length;
  }

  private boolean isBlank() {
    for (int i = 0; i < lineLength; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
