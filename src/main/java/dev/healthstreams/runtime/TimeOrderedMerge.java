package dev.healthstreams.runtime;

import java.io.Closeable;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A k-way merge of input files by record time, stable within a file (each file is only ever read at
 * its head) and, on equal times, in the order the files were given. A record with no time yet (a
 * file whose first lines carry none) goes as soon as it reaches its file's head: it has no place in
 * time to wait for, so files without any times are fed whole, one after the other.
 */
final class TimeOrderedMerge implements Closeable {
  private static final Comparator<InputFile> BY_HEAD =
      Comparator.<InputFile>comparingLong(
              f -> f.peek().time() == null ? Long.MIN_VALUE : f.peek().time())
          .thenComparingInt(InputFile::sequence);

  private final List<InputFile> files;
  private final PriorityQueue<InputFile> heads = new PriorityQueue<>(BY_HEAD);

  TimeOrderedMerge(List<InputFile> files) {
    this.files = List.copyOf(files);
    for (InputFile file : files) {
      if (file.peek() != null) {
        heads.add(file);
      }
    }
  }

  /** The earliest head of all files, or null when every file is done. */
  InputRecord next() {
    InputFile earliest = heads.poll();
    if (earliest == null) {
      return null;
    }
    InputRecord record = earliest.take();
    if (earliest.peek() != null) {
      heads.add(earliest);
    }
    return record;
  }

  @Override
  public void close() {
    files.forEach(InputFile::close);
  }
}
