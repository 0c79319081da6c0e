package dev.healthstreams.topology.priorauth;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts, extends and stops a PA's clocks as its events are replayed in order. Breaches are not
 * decided here: they depend on the wall clock (see {@link PriorAuthProjection#breaches}).
 */
public final class SlaClocks {
  private final List<SlaRule> rules;
  private final Map<String, SlaRule> byId = new HashMap<>();

  public SlaClocks(List<SlaRule> rules) {
    this.rules = List.copyOf(rules);
    rules.forEach(rule -> byId.put(rule.id(), rule));
  }

  public List<SlaRule> rules() {
    return rules;
  }

  /**
   * The PA entered {@code status} at {@code at}: clocks waiting for it stop (all of them on a final
   * status), then rules started by it start a clock unless theirs runs.
   */
  void enter(List<Clock> clocks, PriorAuthStatus status, long at, boolean urgent) {
    for (int i = 0; i < clocks.size(); i++) {
      Clock clock = clocks.get(i);
      SlaRule rule = byId.get(clock.slaId());
      boolean waitsForIt = rule != null && rule.until().contains(status);
      if (clock.isRunning() && (status.isFinal() || waitsForIt)) {
        clocks.set(i, clock.stop(at));
      }
    }
    for (SlaRule rule : rules) {
      if (rule.from().contains(status) && running(clocks, rule.id()) < 0) {
        long deadline = at + rule.timeframe(urgent).toMillis();
        clocks.add(new Clock(rule.id(), countOf(clocks, rule.id()) + 1, at, deadline, 0, null));
      }
    }
  }

  /**
   * A timeframe extension: each running clock's deadline moves by {@code extensionMs}, as far as
   * its rule's {@code max-extension} allows in total.
   *
   * @return whether the cap cut the extension short for any clock
   */
  boolean extend(List<Clock> clocks, long extensionMs) {
    boolean capped = false;
    for (int i = 0; i < clocks.size(); i++) {
      Clock clock = clocks.get(i);
      if (!clock.isRunning()) {
        continue;
      }
      SlaRule rule = byId.get(clock.slaId());
      if (rule == null) {
        continue; // its rule left the config: the clock is kept as it was
      }
      long room = rule.maxExtension().toMillis() - clock.extendedMs();
      long added = Math.max(0, Math.min(extensionMs, room));
      if (added < extensionMs) {
        capped = true;
      }
      clocks.set(i, clock.extend(added));
    }
    return capped;
  }

  private static int running(List<Clock> clocks, String slaId) {
    for (int i = 0; i < clocks.size(); i++) {
      if (clocks.get(i).slaId().equals(slaId) && clocks.get(i).isRunning()) {
        return i;
      }
    }
    return -1;
  }

  private static int countOf(List<Clock> clocks, String slaId) {
    int count = 0;
    for (Clock clock : clocks) {
      if (clock.slaId().equals(slaId)) {
        count++;
      }
    }
    return count;
  }
}
