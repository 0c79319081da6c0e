package dev.healthstreams.topology.priorauth;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a PA's ordered history folds into: the current status, time in each status, SLA clocks and
 * the facts the statistics need. Every change to a PA replays its kept history from the {@link
 * PriorAuthState#base() base} (the fold of the entries dropped past history-limit), so a late event
 * lands where it belongs. Mutable while folding; copied before it is kept.
 */
public final class Replay {
  PriorAuthStatus lastStatus;
  Long lastStatusAt;
  final Map<PriorAuthStatus, Long> timeInStatusMs;
  final List<Clock> clocks;
  Long firstSubmittedAt;
  Long firstDeterminationAt;
  PriorAuthStatus determination;
  boolean appealed;
  boolean determinedAfterAppeal;
  boolean extended;

  public Replay() {
    this(new EnumMap<>(PriorAuthStatus.class), new ArrayList<>());
  }

  Replay(Map<PriorAuthStatus, Long> timeInStatusMs, List<Clock> clocks) {
    this.timeInStatusMs = timeInStatusMs;
    this.clocks = clocks;
  }

  public Replay copy() {
    Replay copy =
        new Replay(
            timeInStatusMs.isEmpty()
                ? new EnumMap<>(PriorAuthStatus.class)
                : new EnumMap<>(timeInStatusMs),
            new ArrayList<>(clocks));
    copy.lastStatus = lastStatus;
    copy.lastStatusAt = lastStatusAt;
    copy.firstSubmittedAt = firstSubmittedAt;
    copy.firstDeterminationAt = firstDeterminationAt;
    copy.determination = determination;
    copy.appealed = appealed;
    copy.determinedAfterAppeal = determinedAfterAppeal;
    copy.extended = extended;
    return copy;
  }

  /**
   * Folds one entry in.
   *
   * @return whether it was an extension that max-extension cut short
   */
  boolean step(HistoryEntry entry, SlaClocks sla) {
    if (entry.rejected()) {
      return false;
    }
    if (!entry.status().isLifecycle()) {
      extended = true;
      return sla.extend(clocks, entry.extensionMs() == null ? 0 : entry.extensionMs());
    }
    PriorAuthStatus status = entry.status();
    long at = entry.statusTimestamp();
    if (lastStatus != null) {
      timeInStatusMs.merge(lastStatus, at - lastStatusAt, Long::sum);
    }
    lastStatus = status;
    lastStatusAt = at;
    sla.enter(clocks, status, at, entry.urgent());
    if (status == PriorAuthStatus.SUBMITTED && firstSubmittedAt == null) {
      firstSubmittedAt = at;
    }
    if (status == PriorAuthStatus.APPEALED) {
      appealed = true;
    }
    if (status.isDetermination()) {
      determination = status;
      determinedAfterAppeal = appealed;
      if (firstSubmittedAt != null && firstDeterminationAt == null) {
        firstDeterminationAt = at;
      }
    }
    return false;
  }

  public PriorAuthStatus status() {
    return lastStatus;
  }

  public PriorAuthStatus determination() {
    return determination;
  }

  public Map<PriorAuthStatus, Long> timeInStatusMs() {
    return timeInStatusMs;
  }

  public List<Clock> clocks() {
    return clocks;
  }

  public Long firstSubmittedAt() {
    return firstSubmittedAt;
  }

  public Long firstDeterminationAt() {
    return firstDeterminationAt;
  }

  public boolean appealed() {
    return appealed;
  }

  public boolean determinedAfterAppeal() {
    return determinedAfterAppeal;
  }

  public boolean extended() {
    return extended;
  }

  public Long lastStatusAt() {
    return lastStatusAt;
  }
}
