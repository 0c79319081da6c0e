package dev.healthstreams.topology.priorauth;

import static dev.healthstreams.topology.priorauth.PriorAuthStatus.APPROVED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.SUBMITTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.avro.PriorAuthView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A PA's index entries replaced without Kafka: only the keys that differ are written, and the index
 * ends as the new view's keys say.
 */
class PriorAuthIndexWritesTest {
  private static final long H = Duration.ofHours(1).toMillis();

  private final TreeMap<String, String> index = new TreeMap<>();
  private final List<String> writes = new ArrayList<>();
  private final PriorAuthProjection projection = PriorAuthSettings.defaults().projection();
  private final PriorAuthIndexWrites indexWrites =
      new PriorAuthIndexWrites(
          (key, value) -> {
            writes.add("put " + key);
            index.put(key, value);
          },
          key -> {
            writes.add("delete " + key);
            index.remove(key);
          },
          projection);

  private static StatusEvent event(String id, PriorAuthStatus status, long at) {
    PriorAuthParties parties =
        new PriorAuthParties("payer-a", "patient-1", "provider-1", "rx-1", "rxnorm", "1", "drug");
    return new StatusEvent("pa-1", id, status, at, null, parties, false, null, "c-" + id);
  }

  private PriorAuthView view(PriorAuthState state) {
    return PriorAuthViews.toView(state, projection.replay(state));
  }

  @Test
  void shouldWriteOnlyTheListedKeysThatDiffer() {
    PriorAuthState submitted = projection.apply(null, event("e1", SUBMITTED, 0)).state();
    PriorAuthState approved = projection.apply(submitted, event("e2", APPROVED, H)).state();
    indexWrites.replaceListed(null, view(submitted));
    writes.clear();

    indexWrites.replaceListed(view(submitted), view(approved));

    String oldStatus = PriorAuthIndexes.key(PriorAuthIndexes.BY_STATUS, "SUBMITTED", "pa-1");
    String newStatus = PriorAuthIndexes.key(PriorAuthIndexes.BY_STATUS, "APPROVED", "pa-1");
    assertTrue(writes.contains("delete " + oldStatus), writes::toString);
    assertTrue(writes.contains("put " + newStatus), writes::toString);
    // The payer and patient did not change: their keys are not written again.
    writes.forEach(
        write ->
            assertFalse(
                write.contains(PriorAuthIndexes.key(PriorAuthIndexes.BY_PAYER, "payer-a", "pa-1")),
                write));
    assertEquals(Set.copyOf(PriorAuthIndexes.keys(view(approved)).values()), index.keySet());
  }

  @Test
  void shouldReplaceOnlyTheDueKeysThatDiffer() {
    indexWrites.replaceDue(Set.of("a", "b"), Set.of("b", "c"), "pa-1");

    assertEquals(List.of("delete a", "put c"), writes);
    assertEquals("pa-1", index.get("c"));
  }

  @Test
  void shouldFindNoDueKeysForNoViewOrAnExpiredOne() {
    PriorAuthState submitted = projection.apply(null, event("e1", SUBMITTED, 0)).state();
    PriorAuthView live = view(submitted);
    PriorAuthView expired = PriorAuthView.newBuilder(live).setExpiredAt(10 * H).build();

    assertEquals(Set.of(), indexWrites.dueOf(null));
    assertEquals(Set.of(), indexWrites.dueOf(expired));
    // A submitted PA waits for its decision: its clock has a deadline.
    assertEquals(1, indexWrites.dueOf(live).size(), indexWrites.dueOf(live)::toString);
  }
}
