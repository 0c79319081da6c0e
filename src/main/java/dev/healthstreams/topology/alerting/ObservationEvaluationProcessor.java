package dev.healthstreams.topology.alerting;

import dev.healthstreams.avro.ClinicalAlert;
import dev.healthstreams.errors.BadRecordException;
import dev.healthstreams.fhir.ObservationFacts;
import dev.healthstreams.fhir.ObservationReader;
import dev.healthstreams.fhir.References;
import dev.healthstreams.topology.support.Correlation;
import dev.healthstreams.topology.support.EventMetadataFactory;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads an Observation cheaply (no HAPI), checks it against the rules and forwards one unenriched
 * alert per firing, keyed by patient id. Bad records throw {@link BadRecordException}: the shared
 * processing handler sends them to the dead-letter topic.
 */
final class ObservationEvaluationProcessor
    implements Processor<String, byte[], String, ClinicalAlert> {
  private final EventMetadataFactory metadata;
  private final AlertEvaluator evaluator;
  private final ObservationReader reader = new ObservationReader();
  private final AlertingMetrics metrics;
  private ProcessorContext<String, ClinicalAlert> context;

  ObservationEvaluationProcessor(
      EventMetadataFactory metadata, AlertEvaluator evaluator, AlertingMetrics metrics) {
    this.metadata = metadata;
    this.evaluator = evaluator;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, ClinicalAlert> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (record.value() == null) {
      metrics.skipped("tombstone");
      return;
    }
    ObservationFacts observation = reader.read(record.value());
    String patientId = References.patientId(observation.subjectReference());
    if (patientId == null) {
      throw new BadRecordException(
          "no-subject", "Observation " + observation.id() + " has no Patient subject");
    }
    Evaluation evaluation = evaluator.evaluate(observation);
    for (Evaluation.Skip skip : evaluation.skips()) {
      metrics.skipped(skip.reason());
    }
    if (evaluation.firings().isEmpty()) {
      return;
    }
    String correlationId = Correlation.id(observation.correlationId(), record.headers());
    for (Evaluation.Firing firing : evaluation.firings()) {
      ClinicalAlert alert =
          ClinicalAlerts.fromFiring(
              metadata, observation, patientId, firing, correlationId, record.timestamp());
      context.forward(record.withKey(patientId).withValue(alert));
    }
  }
}
