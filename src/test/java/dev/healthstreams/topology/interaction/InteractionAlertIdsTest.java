package dev.healthstreams.topology.interaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InteractionAlertIdsTest {

  @Test
  void shouldPutTheLowerRequestIdFirst() {
    assertEquals("a-1+b-2:warfarin-nsaid", InteractionAlertIds.of("a-1", "b-2", "warfarin-nsaid"));
  }

  @Test
  void shouldGiveTheSameIdWhicheverRequestComesFirst() {
    assertEquals(
        InteractionAlertIds.of("req-9", "req-10", "x"),
        InteractionAlertIds.of("req-10", "req-9", "x"));
    // Java string order, not numeric: "req-10" < "req-9".
    assertEquals("req-10+req-9:x", InteractionAlertIds.of("req-9", "req-10", "x"));
  }

  @Test
  void shouldRejectMissingIds() {
    assertThrows(NullPointerException.class, () -> InteractionAlertIds.of(null, "b", "x"));
    assertThrows(NullPointerException.class, () -> InteractionAlertIds.of("a", "b", null));
  }
}
