package dev.healthstreams.topology.priorauth;

import dev.healthstreams.avro.PriorAuthClock;
import dev.healthstreams.avro.PriorAuthHistoryEntry;
import dev.healthstreams.avro.PriorAuthReplayBase;
import dev.healthstreams.avro.PriorAuthSlaFact;
import dev.healthstreams.avro.PriorAuthView;
import dev.healthstreams.avro.PriorAuthViewDrug;
import dev.healthstreams.topology.priorauth.Clock.ClockId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PA's state as the Avro {@link PriorAuthView} that the store keeps and the views topic carries,
 * and back. The view holds the derived fields (status, clocks, time in status) next to what the
 * state needs to be read back exactly.
 */
public final class PriorAuthViews {
  private PriorAuthViews() {}

  public static PriorAuthView toView(PriorAuthState state, Replay replay) {
    PriorAuthParties parties = state.parties();
    return PriorAuthView.newBuilder()
        .setPriorAuthId(state.priorAuthId())
        .setStatus(name(replay.status()))
        .setDetermination(name(replay.determination()))
        .setUrgent(state.urgent())
        .setPayerId(parties.payerId())
        .setPatientId(parties.patientId())
        .setProviderId(parties.providerId())
        .setPrescriptionId(parties.prescriptionId())
        .setDrug(
            parties.drugCode() == null
                ? null
                : new PriorAuthViewDrug(
                    parties.drugSystem(), parties.drugCode(), parties.drugDisplay()))
        .setFirstSeenAt(state.firstSeenAt())
        .setLastUpdatedAt(state.lastUpdatedAt())
        .setHistory(state.history().stream().map(PriorAuthViews::entry).toList())
        .setHistoryDropped(state.historyDropped())
        .setTimeInStatusMs(times(replay.timeInStatusMs()))
        .setClocks(clocks(replay.clocks(), state.breaches()))
        .setCorrelationId(state.correlationId())
        .setSlaFacts(facts(state.breaches()))
        .setBase(state.base() == null ? null : base(state.base()))
        // Set to their defaults by hand: for a field left unset, Avro's builder looks its default
        // up in a cache keyed by the field, whose hash walks the field's whole schema every time
        // (Schema.Field.hashCode). Three unset fields took a tenth of the stream thread (bench
        // profile, 2026-12-02).
        .setUndo(List.of())
        .setUnconfirmedBreaches(List.of())
        .setExpiredAt(null)
        .build();
  }

  public static PriorAuthState toState(PriorAuthView view) {
    PriorAuthViewDrug drug = view.getDrug();
    PriorAuthParties parties =
        new PriorAuthParties(
            view.getPayerId(),
            view.getPatientId(),
            view.getProviderId(),
            view.getPrescriptionId(),
            drug == null ? null : drug.getSystem(),
            drug == null ? null : drug.getCode(),
            drug == null ? null : drug.getDisplay());
    List<HistoryEntry> history = new ArrayList<>();
    for (PriorAuthHistoryEntry e : view.getHistory()) {
      history.add(
          new HistoryEntry(
              PriorAuthStatus.valueOf(e.getStatus()),
              e.getStatusTimestamp(),
              e.getEventId(),
              e.getReason(),
              e.getRejected(),
              e.getUrgent(),
              e.getExtensionMs()));
    }
    Map<ClockId, Boolean> breaches = new HashMap<>();
    for (PriorAuthSlaFact fact : view.getSlaFacts()) {
      breaches.put(new ClockId(fact.getSlaId(), fact.getOrdinal()), fact.getResolved());
    }
    return new PriorAuthState(
        view.getPriorAuthId(),
        parties,
        view.getUrgent(),
        view.getCorrelationId(),
        view.getFirstSeenAt(),
        view.getLastUpdatedAt(),
        history,
        view.getHistoryDropped(),
        view.getBase() == null ? null : replay(view.getBase()),
        breaches);
  }

  private static PriorAuthHistoryEntry entry(HistoryEntry e) {
    return new PriorAuthHistoryEntry(
        e.status().name(),
        e.statusTimestamp(),
        e.eventId(),
        e.reason(),
        e.rejected(),
        e.urgent(),
        e.extensionMs());
  }

  private static List<PriorAuthClock> clocks(List<Clock> clocks, Map<ClockId, Boolean> breaches) {
    List<PriorAuthClock> views = new ArrayList<>(clocks.size());
    for (Clock c : clocks) {
      views.add(
          new PriorAuthClock(
              c.slaId(),
              c.ordinal(),
              ClockState.of(c, breaches.containsKey(c.id())).name(),
              c.startedAt(),
              c.deadline(),
              c.stoppedAt(),
              c.extendedMs()));
    }
    return views;
  }

  private static List<PriorAuthSlaFact> facts(Map<ClockId, Boolean> breaches) {
    List<PriorAuthSlaFact> facts = new ArrayList<>();
    breaches.forEach(
        (id, resolved) -> facts.add(new PriorAuthSlaFact(id.slaId(), id.ordinal(), resolved)));
    // Sorted, so that one state always writes the same bytes.
    facts.sort(
        Comparator.comparing(PriorAuthSlaFact::getSlaId)
            .thenComparing(PriorAuthSlaFact::getOrdinal));
    return facts;
  }

  private static PriorAuthReplayBase base(Replay r) {
    List<PriorAuthClock> clocks = new ArrayList<>();
    for (Clock c : r.clocks()) {
      // The state field is unused in a base: breaches are kept apart from the replay.
      clocks.add(
          new PriorAuthClock(
              c.slaId(),
              c.ordinal(),
              "",
              c.startedAt(),
              c.deadline(),
              c.stoppedAt(),
              c.extendedMs()));
    }
    return PriorAuthReplayBase.newBuilder()
        .setLastStatus(name(r.status()))
        .setLastStatusAt(r.lastStatusAt())
        .setTimeInStatusMs(times(r.timeInStatusMs()))
        .setClocks(clocks)
        .setFirstSubmittedAt(r.firstSubmittedAt())
        .setFirstDeterminationAt(r.firstDeterminationAt())
        .setDetermination(name(r.determination()))
        .setAppealed(r.appealed())
        .setDeterminedAfterAppeal(r.determinedAfterAppeal())
        .setExtended(r.extended())
        .build();
  }

  private static Replay replay(PriorAuthReplayBase b) {
    Map<PriorAuthStatus, Long> times = new EnumMap<>(PriorAuthStatus.class);
    b.getTimeInStatusMs().forEach((status, ms) -> times.put(PriorAuthStatus.valueOf(status), ms));
    List<Clock> clocks = new ArrayList<>();
    for (PriorAuthClock c : b.getClocks()) {
      clocks.add(
          new Clock(
              c.getSlaId(),
              c.getOrdinal(),
              c.getStartedAt(),
              c.getDeadline(),
              c.getExtendedMs(),
              c.getStoppedAt()));
    }
    Replay r = new Replay(times, clocks);
    r.lastStatus = b.getLastStatus() == null ? null : PriorAuthStatus.valueOf(b.getLastStatus());
    r.lastStatusAt = b.getLastStatusAt();
    r.firstSubmittedAt = b.getFirstSubmittedAt();
    r.firstDeterminationAt = b.getFirstDeterminationAt();
    r.determination =
        b.getDetermination() == null ? null : PriorAuthStatus.valueOf(b.getDetermination());
    r.appealed = b.getAppealed();
    r.determinedAfterAppeal = b.getDeterminedAfterAppeal();
    r.extended = b.getExtended();
    return r;
  }

  // In status order, so that one state always writes the same bytes.
  private static Map<String, Long> times(Map<PriorAuthStatus, Long> times) {
    Map<String, Long> named = new LinkedHashMap<>();
    for (PriorAuthStatus status : PriorAuthStatus.values()) {
      Long ms = times.get(status);
      if (ms != null) {
        named.put(status.name(), ms);
      }
    }
    return named;
  }

  private static String name(PriorAuthStatus status) {
    return status == null ? null : status.name();
  }
}
