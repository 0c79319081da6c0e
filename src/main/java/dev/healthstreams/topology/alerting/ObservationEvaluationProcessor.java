package dev.healthstreams.topology.alerting;

import dev.healthstreams.avro.ClinicalAlert;
import dev.healthstreams.errors.BadRecordException;
import dev.healthstreams.fhir.ObservationFacts;
import dev.healthstreams.fhir.ObservationReader;
import dev.healthstreams.fhir.References;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
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
  static final String CORRELATION_HEADER = "correlation-id";

  private final String topology;
  private final AlertEvaluator evaluator;
  private final ObservationReader reader = new ObservationReader();
  private final AlertingMetrics metrics;
  private ProcessorContext<String, ClinicalAlert> context;

  ObservationEvaluationProcessor(String topology, AlertEvaluator evaluator, MeterRegistry metrics) {
    this.topology = topology;
    this.evaluator = evaluator;
    this.metrics = new AlertingMetrics(topology, metrics);
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
    String correlationId = correlationId(observation, record);
    for (Evaluation.Firing firing : evaluation.firings()) {
      ClinicalAlert alert =
          ClinicalAlerts.fromFiring(
              topology, observation, patientId, firing, correlationId, record.timestamp());
      context.forward(record.withKey(patientId).withValue(alert));
    }
  }

  private static String correlationId(ObservationFacts observation, Record<?, ?> record) {
    if (observation.correlationId() != null) {
      return observation.correlationId();
    }
    Header header = record.headers().lastHeader(CORRELATION_HEADER);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }
}
