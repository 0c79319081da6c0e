package dev.healthstreams.topology.interaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.avro.MedicationOrder;
import dev.healthstreams.topology.support.InputPosition;
import dev.healthstreams.topology.support.UndoLog;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestRouteTest {

  // A codeable concept or a contained Medication: the reader has the drug, no Medication id.
  private static final MedicationOrder WITH_DRUG = order("849574", null);
  private static final MedicationOrder BY_REFERENCE = order(null, "med-9");
  private static final MedicationOrder NO_DRUG = order(null, null);

  @Test
  void shouldSendOnlyAnUnresolvedReferenceOfANewRequestThroughTheJoin() {
    assertTrue(RequestRoute.UNKNOWN.joins(BY_REFERENCE));
    assertFalse(RequestRoute.UNKNOWN.joins(WITH_DRUG));
    assertFalse(RequestRoute.UNKNOWN.joins(NO_DRUG), "nothing to look up");
    assertFalse(RequestRoute.UNKNOWN.joins(null), "a delete of a request that never joined");
  }

  @Test
  void shouldKeepARequestOnTheJoinOnceItTookIt() {
    RequestRoute joined = RequestRoute.UNKNOWN.after(BY_REFERENCE);

    assertTrue(joined.viaMedicationJoin());
    assertTrue(joined.joins(WITH_DRUG), "a later version must not overtake the earlier one");
    assertTrue(joined.joins(null), "nor may its delete");
    assertSame(joined, joined.after(WITH_DRUG));
  }

  @Test
  void shouldLeaveTheRouteAloneForAVersionThatNeedsNoJoin() {
    RequestRoute assigned = RequestRoute.UNKNOWN.assignedTo("p1", UndoLog.empty());

    assertSame(assigned, assigned.after(WITH_DRUG));
    assertSame(RequestRoute.UNKNOWN, RequestRoute.UNKNOWN.after(null));
  }

  @Test
  void shouldKeepThePatientWhenTheRequestStartsJoining() {
    RequestRoute next = RequestRoute.UNKNOWN.assignedTo("p1", UndoLog.empty()).after(BY_REFERENCE);

    assertEquals(new RequestRoute("p1", true), next);
  }

  @Test
  void shouldHaveNothingToKeepOnlyForADeletedRequestThatNeverJoined() {
    assertTrue(RequestRoute.UNKNOWN.isEmpty());
    assertTrue(
        RequestRoute.UNKNOWN
            .assignedTo("p1", UndoLog.empty())
            .assignedTo(null, UndoLog.empty())
            .isEmpty());
    assertFalse(RequestRoute.UNKNOWN.assignedTo("p1", UndoLog.empty()).isEmpty());
    assertFalse(new RequestRoute(null, true).isEmpty(), "a joined request stays on the join");
    assertNull(new RequestRoute(null, true).patientId());
    UndoLog<String> deleteNotCommitted =
        UndoLog.of(List.of(new UndoLog.Entry<>(new InputPosition("t", 0, 7L), "p1")));
    assertFalse(
        new RequestRoute(null, false, deleteNotCommitted).isEmpty(),
        "a delete that may be read again keeps its undo log");
  }

  private static MedicationOrder order(String drugCode, String medicationId) {
    return MedicationOrder.newBuilder()
        .setRequestId("rq-1")
        .setPatientId("p1")
        .setStatus("active")
        .setDrugCode(drugCode)
        .setMedicationId(medicationId)
        .build();
  }
}
