package dev.healthstreams.flink;

import dev.healthstreams.avro.ClinicalAlert;
import dev.healthstreams.avro.PatientSummary;
import dev.healthstreams.topology.alerting.AlertRule;
import dev.healthstreams.topology.alerting.AlertingPeerSupport;
import dev.healthstreams.topology.alerting.AlertingSettings;
import dev.healthstreams.topology.alerting.Severity;
import dev.healthstreams.topology.alerting.SuppressionPolicy;
import dev.healthstreams.topology.alerting.SuppressionState;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per patient, what the topology does after its repartition: the left join with the patient table
 * ({@code enrich-with-patient}) and the gate ({@code deduplicate-and-suppress}) in one keyed
 * operator, since both are keyed by patient. An alert is enriched with the latest patient seen (or
 * goes out without one), dropped when the same alert with the same content was let through within
 * the dedup window (arrival time), dropped when the patient's suppress-group had an alert at least
 * as severe within the rule's suppress-for (event time, {@link SuppressionPolicy}), else written to
 * the alerts topic and its severity's routes.
 *
 * <p>Unlike the topology's gate, entries carry no input position: that guards re-deliveries under
 * at-least-once, and Flink restores this state with the source offsets of the same checkpoint.
 */
final class AlertGate extends KeyedCoProcessFunction<String, AlertRecord, PatientRecord, Outgoing> {
  private static final long serialVersionUID = 1L;

  private final AlertingJobSpec spec;
  private transient AlertingSettings settings;
  private transient Map<String, AlertRule> rulesById;
  private transient SuppressionPolicy policy;
  private transient long dedupReach;
  private transient long suppressionReach;
  private transient AvroBytes<ClinicalAlert> alerts;
  private transient AvroBytes<PatientSummary> patients;
  private transient ValueState<byte[]> patient;
  private transient MapState<String, String> dedup;
  private transient MapState<String, String> suppression;

  AlertGate(AlertingJobSpec spec) {
    this.spec = spec;
  }

  @Override
  public void open(OpenContext context) {
    settings = spec.settings();
    rulesById =
        settings.rules().stream().collect(Collectors.toMap(AlertRule::id, Function.identity()));
    policy = new SuppressionPolicy(rulesById.values());
    dedupReach = Math.max(1, settings.dedupWindow().toMillis());
    suppressionReach =
        Math.max(
            1,
            AlertingPeerSupport.suppressionRetention(rulesById.values(), settings.dedupWindow())
                .toMillis());
    alerts = new AvroBytes<>(ClinicalAlert.class);
    patients = new AvroBytes<>(PatientSummary.class);
    patient =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "patient", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    dedup = getRuntimeContext().getMapState(expiring("alert-gate-dedup", dedupReach));
    suppression =
        getRuntimeContext().getMapState(expiring("alert-gate-suppression", suppressionReach));
  }

  /**
   * Entries expire by their arrival ({@link ArrivalEntries}) when their key is written; a key not
   * written again for twice the reach of processing time goes by this time-to-live, which for live
   * traffic is about the same clock.
   */
  private static MapStateDescriptor<String, String> expiring(String name, long reach) {
    MapStateDescriptor<String, String> descriptor =
        new MapStateDescriptor<>(name, Types.STRING, Types.STRING);
    descriptor.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(2 * reach)).build());
    return descriptor;
  }

  @Override
  public void processElement1(AlertRecord record, Context context, Collector<Outgoing> out)
      throws Exception {
    byte[] summary = patient.value();
    ClinicalAlert alert =
        AlertingPeerSupport.enrich(
            alerts.decode(record.alert), summary == null ? null : patients.decode(summary));
    long arrival = context.timestamp() == null ? 0 : context.timestamp();
    String content = AlertingPeerSupport.contentKey(alert);
    String seen = dedup.get(alert.getAlertId());
    if (ArrivalEntries.near(seen, arrival, dedupReach).contains(content)) {
      return; // a re-delivery of an alert already let through
    }
    dedup.put(alert.getAlertId(), ArrivalEntries.add(seen, arrival, content, dedupReach));

    AlertRule rule = rulesById.get(alert.getRuleId());
    Duration window = rule == null ? null : rule.suppressFor();
    Severity severity = Severity.valueOf(alert.getSeverity().name());
    if (window != null && !window.isZero()) {
      long eventTime = AlertingPeerSupport.eventTime(alert);
      String states = suppression.get(rule.suppressGroup());
      SuppressionState prior = strongestPrior(states, arrival, eventTime, window);
      if (!policy.shouldEmit(prior, eventTime, severity, window)) {
        return;
      }
      String state = AlertingPeerSupport.encode(policy.stateAfterEmitting(eventTime, severity));
      suppression.put(
          rule.suppressGroup(), ArrivalEntries.add(states, arrival, state, suppressionReach));
    }
    byte[] enriched = alerts.encode(alert);
    out.collect(Outgoing.alert(spec.alertsTopic(), record.patientId, enriched));
    for (String route : settings.routesFor(severity)) {
      out.collect(Outgoing.alert(route, record.patientId, enriched));
    }
  }

  /** The most severe alert of the group whose event time is within the window of eventTime. */
  private SuppressionState strongestPrior(
      String states, long arrival, long eventTime, Duration window) {
    SuppressionState strongest = null;
    for (String stored : ArrivalEntries.near(states, arrival, suppressionReach)) {
      SuppressionState state = AlertingPeerSupport.decode(stored);
      boolean inWindow = Math.abs(eventTime - state.eventTime()) < window.toMillis();
      if (inWindow && (strongest == null || state.severity().isHigherThan(strongest.severity()))) {
        strongest = state;
      }
    }
    return strongest;
  }

  @Override
  public void processElement2(PatientRecord record, Context context, Collector<Outgoing> out)
      throws Exception {
    if (record.summary == null) {
      patient.clear();
    } else {
      patient.update(record.summary);
    }
  }
}
