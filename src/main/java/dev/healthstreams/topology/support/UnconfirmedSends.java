package dev.healthstreams.topology.support;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which keys' punctuation outputs were sent and no commit has confirmed yet, as one processor
 * instance tells them.
 *
 * <p>Why: under at-least-once a punctuation's outputs and its state change reach the broker in
 * separate writes, and no input record brings them back ({@link UndoLog} cannot help): a crash
 * after the state's changelog write but before the outputs' acknowledgement loses the outputs for
 * good. So the state keeps what was sent until a commit confirms it, and an instance that finds
 * such state it did not send itself (restored after a crash, or moved here) sends it again: a
 * duplicate after a clean handover, which at-least-once allows, rather than a loss after a crash.
 *
 * <p>Confirmed means: a record read after the send is committed. Kafka Streams commits offsets only
 * after flushing everything sent before, so the send was acknowledged. The record read after the
 * send is the one after the last read (its offset plus one), or, when this instance has read none,
 * the next one it reads. Only this instance's own commits can pass it: earlier owners committed no
 * further than where this one started reading. That is why an instance cannot confirm what another
 * one sent: a commit past the same position may be its own, made before it sent again.
 */
public final class UnconfirmedSends {
  /** What the instance does with a key whose stored state holds unconfirmed outputs. */
  public enum Status {
    /** Sent by another instance, or before a crash: send again. */
    NOT_SENT_HERE,
    /** Sent here, no commit since: keep the state's entries, ask again later. */
    AWAITING_COMMIT,
    /** Committed since it was sent: the state's entries can go. */
    CONFIRMED
  }

  private final CommittedInput committed;
  // Per key sent here: a record read after its send, or empty until this instance reads one.
  private final Map<String, Optional<InputPosition>> sentHere = new HashMap<>();
  private final Set<String> awaitingRead = new HashSet<>();
  private InputPosition lastRead = InputPosition.UNKNOWN;

  public UnconfirmedSends(CommittedInput committed) {
    this.committed = committed;
  }

  /** Every record this instance reads, before it processes it. */
  public void read(InputPosition here) {
    if (here.topic().isEmpty()) {
      return;
    }
    lastRead = here;
    for (String key : awaitingRead) {
      sentHere.put(key, Optional.of(here));
    }
    awaitingRead.clear();
  }

  /** A punctuation sent outputs for {@code key} (again). */
  public void sent(String key) {
    if (lastRead.topic().isEmpty()) {
      sentHere.put(key, Optional.empty());
      awaitingRead.add(key);
      return;
    }
    awaitingRead.remove(key);
    sentHere.put(
        key,
        Optional.of(
            new InputPosition(lastRead.topic(), lastRead.partition(), lastRead.offset() + 1)));
  }

  /** For a key whose stored state holds unconfirmed outputs. */
  public Status status(String key) {
    Optional<InputPosition> readAfter = sentHere.get(key);
    if (readAfter == null) {
      return Status.NOT_SENT_HERE;
    }
    return readAfter.isPresent() && committed.isCommitted(readAfter.get())
        ? Status.CONFIRMED
        : Status.AWAITING_COMMIT;
  }

  /** The key's state no longer holds unconfirmed outputs. */
  public void forget(String key) {
    sentHere.remove(key);
    awaitingRead.remove(key);
  }
}
