package dev.healthstreams.topology.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the uncommitted records changed in one key's state, kept with the state so that a record
 * read again after a crash under at-least-once meets the state it first met.
 *
 * <p>Why: at-least-once can restore a store ahead of the committed input. The store's changelog
 * writes reached the broker, some of the records' outputs did not, and the input is read again from
 * the last commit. A record read again over state that it and later records already changed would
 * find nothing new to do, and what its outputs said would be lost. With each change logged as
 * (where the record was read, the state before it), the record first rolls the state back to what
 * it was before the first change made at or after its own position, then is applied as if for the
 * first time; the later records, read again after it, do the same.
 *
 * <p>A change is logged only while its record can be read again: entries of committed records are
 * dropped at the key's next change. An entry never dropped (its key not written again) is never
 * matched either, since no record before a committed offset is read again; it only costs its bytes.
 * One key is assumed to be read from one partition, as a keyed topic gives it.
 *
 * @param <S> the state of one key; null for none
 */
public final class UndoLog<S> {
  private static final UndoLog<?> EMPTY = new UndoLog<>(List.of());

  /**
   * @param changedBy where the record that made the change was read
   * @param before the key's state before it; null when the record created it
   */
  public record Entry<S>(InputPosition changedBy, S before) {}

  /**
   * @param state the key's state before the first change at or after the record read again
   * @param remaining the log without the undone changes
   */
  public record Rollback<S>(S state, UndoLog<S> remaining) {}

  private final List<Entry<S>> entries;

  private UndoLog(List<Entry<S>> entries) {
    this.entries = List.copyOf(entries);
  }

  @SuppressWarnings("unchecked")
  public static <S> UndoLog<S> empty() {
    return (UndoLog<S>) EMPTY;
  }

  /** A log as stored: its entries in the order the changes were made. */
  public static <S> UndoLog<S> of(List<Entry<S>> entries) {
    return entries.isEmpty() ? empty() : new UndoLog<>(entries);
  }

  public List<Entry<S>> entries() {
    return entries;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * For a record read at {@code here}: the state to apply it to instead of the stored one, when a
   * change was made at or after {@code here} (the record is read again); empty otherwise.
   */
  public Optional<Rollback<S>> rollbackFor(InputPosition here) {
    for (int i = 0; i < entries.size(); i++) {
      if (isAtOrAfter(entries.get(i).changedBy(), here)) {
        return Optional.of(new Rollback<>(entries.get(i).before(), of(entries.subList(0, i))));
      }
    }
    return Optional.empty();
  }

  /**
   * This log with the change that the record read at {@code here} made to {@code before}, and
   * without the changes of committed records. A change without a known position (a punctuation) is
   * not logged: no record brings it back.
   */
  public UndoLog<S> after(InputPosition here, S before, CommittedInput committed) {
    List<Entry<S>> next = new ArrayList<>(entries.size() + 1);
    for (Entry<S> entry : entries) {
      if (!committed.isCommitted(entry.changedBy())) {
        next.add(entry);
      }
    }
    if (!here.topic().isEmpty()) {
      next.add(new Entry<>(here, before));
    }
    return of(next);
  }

  private static boolean isAtOrAfter(InputPosition changedBy, InputPosition here) {
    return !here.topic().isEmpty()
        && changedBy.topic().equals(here.topic())
        && changedBy.partition() == here.partition()
        && changedBy.offset() >= here.offset();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof UndoLog<?> log && entries.equals(log.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    // Positions only: the states are PHI.
    return "UndoLog" + entries.stream().map(Entry::changedBy).toList();
  }
}
