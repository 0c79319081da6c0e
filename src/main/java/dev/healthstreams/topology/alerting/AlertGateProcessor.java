package dev.healthstreams.topology.alerting;

import dev.healthstreams.avro.ClinicalAlert;
import dev.healthstreams.topology.support.ExpiringEntryStore;
import dev.healthstreams.topology.support.InputPosition;
import dev.healthstreams.topology.support.RecordPositions;
import dev.healthstreams.topology.support.StatefulProcessors;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets an alert through once: drops re-deliveries of the same alert (same id and content) and
 * alerts suppressed by an earlier one in the same (patient, suppress-group) within the rule's
 * event-time window. Both stores keep their entries by record time (arrival) and expire them by it:
 * clinical event times jump back years when history is replayed, and expiring on them would drop
 * state the moment an older patient's records arrive. They are key-value stores, not window stores
 * ({@link ExpiringEntryStore} says why).
 */
final class AlertGateProcessor implements Processor<String, ClinicalAlert, String, ClinicalAlert> {
  private static final Logger LOG = LoggerFactory.getLogger(AlertGateProcessor.class);

  /** Named apart from the window stores of releases before 2026-11-30, whose changelogs differ. */
  static final String DEDUP_STORE = "alert-gate-dedup";

  static final String SUPPRESSION_STORE = "alert-gate-suppression";

  private final Duration dedupWindow;
  private final Duration suppressionRetention;
  private final Map<String, AlertRule> rulesById;
  private final SuppressionPolicy policy;
  private final AlertingMetrics metrics;
  private ProcessorContext<String, ClinicalAlert> context;
  private ExpiringEntryStore dedup;
  private ExpiringEntryStore suppression;

  AlertGateProcessor(
      Duration dedupWindow, Map<String, AlertRule> rulesById, AlertingMetrics metrics) {
    this.dedupWindow = dedupWindow;
    this.rulesById = rulesById;
    this.policy = new SuppressionPolicy(rulesById.values());
    this.suppressionRetention = suppressionRetention(rulesById.values(), dedupWindow);
    this.metrics = metrics;
  }

  /** The gate with its two stores, which it declares so the wiring names neither. */
  static ProcessorSupplier<String, ClinicalAlert, String, ClinicalAlert> supplier(
      Duration dedupWindow, Map<String, AlertRule> rulesById, AlertingMetrics metrics) {
    return StatefulProcessors.supplier(
        () -> new AlertGateProcessor(dedupWindow, rulesById, metrics),
        ExpiringEntryStore.builder(DEDUP_STORE),
        ExpiringEntryStore.builder(SUPPRESSION_STORE));
  }

  @Override
  public void init(ProcessorContext<String, ClinicalAlert> context) {
    this.context = context;
    this.dedup = ExpiringEntryStore.of(context, DEDUP_STORE, dedupWindow);
    this.suppression = ExpiringEntryStore.of(context, SUPPRESSION_STORE, suppressionRetention);
  }

  @Override
  public void process(Record<String, ClinicalAlert> record) {
    ClinicalAlert alert = record.value();
    long arrival = record.timestamp();
    String content = ClinicalAlerts.contentKey(alert);
    InputPosition position = position();
    if (seenBefore(alert.getAlertId(), content, arrival, position)) {
      metrics.dropped("duplicate");
      // Ids and offsets only. The counter resets with the process; this line tells which alert
      // was taken for a re-delivery, should one ever be missing (README, "Failure test").
      LOG.debug(
          "topology={} alert={} dropped as a duplicate ({})",
          metrics.topology(),
          alert.getAlertId(),
          position);
      return;
    }
    dedup.add(alert.getAlertId(), arrival, new GateEntry(content, position).encode());

    AlertRule rule = rulesById.get(alert.getRuleId());
    // A rule removed from the config since the alert was evaluated no longer suppresses.
    Duration window = rule == null ? null : rule.suppressFor();
    Severity severity = Severity.valueOf(alert.getSeverity().name());
    if (window != null && !window.isZero()) {
      long eventTime = ClinicalAlerts.eventTime(alert);
      String key = alert.getPatientId() + "|" + rule.suppressGroup();
      SuppressionState prior = strongestPrior(key, arrival, eventTime, window, position);
      if (!policy.shouldEmit(prior, eventTime, severity, window)) {
        metrics.dropped("suppressed");
        return;
      }
      String state = SuppressionStates.encode(policy.stateAfterEmitting(eventTime, severity));
      suppression.add(key, arrival, new GateEntry(state, position).encode());
    }
    metrics.emitted(severity);
    context.forward(record);
  }

  /**
   * How long (arrival time) an emitted alert's suppression state is kept: the longest suppress-for,
   * and at least the dedup window, so that a result delivered late (a lab result an hour after the
   * one it repeats) is still suppressed rather than paging twice.
   */
  static Duration suppressionRetention(Collection<AlertRule> rules, Duration dedupWindow) {
    Duration longest = new SuppressionPolicy(rules).retention();
    return longest.compareTo(dedupWindow) > 0 ? longest : dedupWindow;
  }

  /** Where the alert was read: entries made at or after it do not count ({@link GateEntry}). */
  private InputPosition position() {
    return RecordPositions.of(context.recordMetadata());
  }

  private boolean seenBefore(String alertId, String content, long arrival, InputPosition position) {
    for (ExpiringEntryStore.Entry stored : dedup.near(alertId, arrival)) {
      GateEntry entry = GateEntry.decode(stored.value());
      if (content.equals(entry.value()) && entry.madeBefore(position)) {
        return true;
      }
    }
    return false;
  }

  /** The most severe alert of the group whose event time is within the window of eventTime. */
  private SuppressionState strongestPrior(
      String key, long arrival, long eventTime, Duration window, InputPosition position) {
    SuppressionState strongest = null;
    for (ExpiringEntryStore.Entry stored : suppression.near(key, arrival)) {
      GateEntry entry = GateEntry.decode(stored.value());
      if (!entry.madeBefore(position)) {
        continue;
      }
      SuppressionState state = SuppressionStates.decode(entry.value());
      boolean inWindow = Math.abs(eventTime - state.eventTime()) < window.toMillis();
      if (inWindow && (strongest == null || state.severity().isHigherThan(strongest.severity()))) {
        strongest = state;
      }
    }
    return strongest;
  }
}
