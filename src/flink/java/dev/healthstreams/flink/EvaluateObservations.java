package dev.healthstreams.flink;

import dev.healthstreams.avro.ClinicalAlert;
import dev.healthstreams.errors.BadRecordException;
import dev.healthstreams.fhir.ObservationFacts;
import dev.healthstreams.fhir.ObservationReader;
import dev.healthstreams.fhir.References;
import dev.healthstreams.topology.alerting.AlertEvaluator;
import dev.healthstreams.topology.alerting.AlertingPeerSupport;
import dev.healthstreams.topology.alerting.Evaluation;
import dev.healthstreams.topology.alerting.UnitConverter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The topology's {@code evaluate-rules} step: reads an Observation with the cheap streaming reader
 * (no HAPI parse), applies the rules with the topology's own {@link AlertEvaluator}, and emits one
 * unenriched alert per firing, keyed by patient. Most Observations match no rule and cost a read
 * and a few hash lookups. A bad record becomes a dead letter on {@link #DEAD_LETTERS}.
 */
final class EvaluateObservations extends ProcessFunction<InputRecord, AlertRecord> {
  private static final long serialVersionUID = 1L;

  static final OutputTag<Outgoing> DEAD_LETTERS =
      new OutputTag<>("observation-dead-letters", ObservationAlertingJob.OUTGOING) {};

  private final AlertingJobSpec spec;
  private transient ObservationReader reader;
  private transient AlertEvaluator evaluator;
  private transient AvroBytes<ClinicalAlert> alerts;
  private transient AtomicBoolean paused;

  EvaluateObservations(AlertingJobSpec spec) {
    this.spec = spec;
  }

  @Override
  public void open(OpenContext context) {
    reader = new ObservationReader();
    evaluator = new AlertEvaluator(spec.settings(), UnitConverter.shared());
    alerts = new AvroBytes<>(ClinicalAlert.class);
    paused = spec.pauseGate() == null ? new AtomicBoolean() : PauseGates.named(spec.pauseGate());
  }

  @Override
  public void processElement(InputRecord record, Context context, Collector<AlertRecord> out) {
    PauseGates.awaitOpen(paused);
    if (record.value == null) {
      return; // a tombstone: nothing to evaluate (the topology counts it as skipped)
    }
    try {
      ObservationFacts observation = reader.read(record.value);
      String patientId = References.patientId(observation.subjectReference());
      if (patientId == null) {
        throw new BadRecordException(
            "no-subject", "Observation " + observation.id() + " has no Patient subject");
      }
      Evaluation evaluation = evaluator.evaluate(observation);
      if (evaluation.firings().isEmpty()) {
        return;
      }
      String correlationId =
          observation.correlationId() != null ? observation.correlationId() : record.correlationId;
      long timestamp = context.timestamp() == null ? 0 : context.timestamp();
      for (Evaluation.Firing firing : evaluation.firings()) {
        ClinicalAlert alert =
            AlertingPeerSupport.fromFiring(
                observation, patientId, firing, correlationId, timestamp);
        out.collect(new AlertRecord(patientId, alerts.encode(alert)));
      }
    } catch (BadRecordException e) {
      context.output(
          DEAD_LETTERS,
          Outgoing.deadLetter(spec.deadLetterTopic(), record, e.reason(), e, e.getMessage()));
    }
  }
}
