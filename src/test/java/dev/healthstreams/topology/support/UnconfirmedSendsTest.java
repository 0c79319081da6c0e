package dev.healthstreams.topology.support;

import static dev.healthstreams.topology.support.UnconfirmedSends.Status.AWAITING_COMMIT;
import static dev.healthstreams.topology.support.UnconfirmedSends.Status.CONFIRMED;
import static dev.healthstreams.topology.support.UnconfirmedSends.Status.NOT_SENT_HERE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnconfirmedSendsTest {
  // The group's next offset to read on partition 0 of "orders", as a test sets it.
  private long committedNext;
  private final CommittedInput committed =
      position -> position.topic().equals("orders") && position.offset() < committedNext;
  private final UnconfirmedSends sends = new UnconfirmedSends(committed);

  private static InputPosition at(long offset) {
    return new InputPosition("orders", 0, offset);
  }

  @Test
  void shouldSendAgainWhatThisInstanceDidNotSend() {
    committedNext = 1_000; // what an earlier owner committed says nothing about its sends

    assertEquals(NOT_SENT_HERE, sends.status("pa-1"));
  }

  @Test
  void shouldConfirmOnlyOnceARecordReadAfterTheSendIsCommitted() {
    committedNext = 10;
    sends.read(at(10));
    sends.sent("pa-1");

    committedNext = 11; // record 10, read before the send: no proof of a flush after it
    assertEquals(AWAITING_COMMIT, sends.status("pa-1"));

    sends.read(at(11));
    committedNext = 12;
    assertEquals(CONFIRMED, sends.status("pa-1"));
  }

  @Test
  void shouldWaitForTheFirstRecordReadWhenTheSendCameBeforeAny() {
    committedNext = 20; // where this instance starts reading
    sends.sent("pa-1");
    assertEquals(AWAITING_COMMIT, sends.status("pa-1"));

    sends.read(at(20));
    assertEquals(AWAITING_COMMIT, sends.status("pa-1"), "20 is not committed by this instance yet");

    committedNext = 21;
    assertEquals(CONFIRMED, sends.status("pa-1"));
  }

  @Test
  void shouldWaitForACommitAfterTheLatestSendOfAKey() {
    sends.read(at(10));
    sends.sent("pa-1");
    sends.read(at(11));
    sends.read(at(12));
    sends.sent("pa-1"); // sent again: record 11's commit no longer covers it

    committedNext = 12;
    assertEquals(AWAITING_COMMIT, sends.status("pa-1"));
    committedNext = 14;
    assertEquals(CONFIRMED, sends.status("pa-1"));
  }

  @Test
  void shouldForgetAKeyWhoseStateNoLongerHoldsSends() {
    sends.read(at(10));
    sends.sent("pa-1");

    sends.forget("pa-1");

    assertEquals(NOT_SENT_HERE, sends.status("pa-1"));
  }

  @Test
  void shouldIgnoreRecordsWithoutAKnownPosition() {
    sends.read(at(10));
    sends.read(InputPosition.UNKNOWN);
    sends.sent("pa-1");

    committedNext = 12;
    assertEquals(CONFIRMED, sends.status("pa-1"), "confirmed by record 11, after 10");
  }
}
