package dev.healthstreams.flink;

import dev.healthstreams.avro.PatientSummary;
import dev.healthstreams.errors.BadRecordException;
import dev.healthstreams.fhir.PatientFacts;
import dev.healthstreams.fhir.PatientReader;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The shared patient table's {@code summarise-patient} step: a Patient becomes the summary alerts
 * are enriched with, a tombstone deletes it, a record without a key or that does not read becomes a
 * dead letter on {@link #DEAD_LETTERS}.
 */
final class SummarisePatients extends ProcessFunction<InputRecord, PatientRecord> {
  private static final long serialVersionUID = 1L;

  static final OutputTag<Outgoing> DEAD_LETTERS =
      new OutputTag<>("patient-dead-letters", ObservationAlertingJob.OUTGOING) {};

  private final String deadLetterTopic;
  private transient PatientReader reader;
  private transient AvroBytes<PatientSummary> summaries;

  SummarisePatients(String deadLetterTopic) {
    this.deadLetterTopic = deadLetterTopic;
  }

  @Override
  public void open(OpenContext context) {
    reader = new PatientReader();
    summaries = new AvroBytes<>(PatientSummary.class);
  }

  @Override
  public void processElement(InputRecord record, Context context, Collector<PatientRecord> out) {
    try {
      if (record.key == null) {
        throw new BadRecordException("no-key", "Patient record has no key");
      }
      if (record.value == null) {
        out.collect(new PatientRecord(record.key, null));
        return;
      }
      PatientFacts patient = reader.read(record.value);
      PatientSummary summary =
          PatientSummary.newBuilder()
              .setPatientId(record.key)
              .setName(patient.name())
              .setMrn(patient.mrn())
              .setBirthDate(patient.birthDate())
              .build();
      out.collect(new PatientRecord(record.key, summaries.encode(summary)));
    } catch (BadRecordException e) {
      context.output(
          DEAD_LETTERS,
          Outgoing.deadLetter(deadLetterTopic, record, e.reason(), e, e.getMessage()));
    }
  }
}
