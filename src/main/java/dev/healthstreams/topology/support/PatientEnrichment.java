package dev.healthstreams.topology.support;

import dev.healthstreams.avro.PatientSummary;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;

/**
 * Enriches an output keyed by patient id with the latest Patient of the shared patient table
 * ({@link dev.healthstreams.topology.PatientTable}). An output whose patient has not arrived yet
 * goes out at once without the patient fields: an alert is not held back for them.
 */
public final class PatientEnrichment<T> {
  /** Sets the patient fields on a copy of an output; each output type says where they go. */
  @FunctionalInterface
  public interface PatientFields<T> {
    T with(T output, String name, String mrn, String birthDate);
  }

  private final PatientFields<T> fields;

  private PatientEnrichment(PatientFields<T> fields) {
    this.fields = fields;
  }

  public static <T> PatientEnrichment<T> of(PatientFields<T> fields) {
    return new PatientEnrichment<>(fields);
  }

  /** The output with the patient's name, MRN and birth date; as it was without a patient. */
  public T enrich(T output, PatientSummary patient) {
    if (patient == null) {
      return output;
    }
    return fields.with(output, patient.getName(), patient.getMrn(), patient.getBirthDate());
  }

  /** A left join of the outputs with the patient table, as a processor named {@code name}. */
  public KStream<String, T> join(
      KStream<String, T> outputs,
      KTable<String, PatientSummary> patients,
      Serde<T> outputSerde,
      Serde<PatientSummary> patientSerde,
      String name) {
    return outputs.leftJoin(
        patients,
        this::enrich,
        Joined.with(Serdes.String(), outputSerde, patientSerde).withName(name));
  }
}
