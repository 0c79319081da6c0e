package dev.healthstreams.topology;

import dev.healthstreams.avro.PatientSummary;
import dev.healthstreams.errors.BadRecordException;
import dev.healthstreams.fhir.PatientFacts;
import dev.healthstreams.fhir.PatientReader;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The latest Patient seen, as the summary outputs are enriched with: one table per topology that
 * enriches, built the same way everywhere. A tombstone deletes the patient; a bad record goes to
 * the dead-letter topic.
 */
public final class PatientTable {
  public static final String STORE = "patients";
  public static final String ROLE = "patients";

  private PatientTable() {}

  /** The patients input every enriching topology declares: the same role, format and sample. */
  public static TopicRole<byte[]> role() {
    return TopicRole.tableInput(ROLE, ValueFormat.fhir("Patient"), "FHIR R4 Patients, keyed by id")
        .withSample("/sample/Patient.ndjson.gz");
  }

  public static KTable<String, PatientSummary> build(
      StreamsBuilder builder, Topic<String, byte[]> topic, Serde<PatientSummary> serde) {
    PatientReader reader = new PatientReader();
    return builder.stream(topic.name(), topic.consumed("read-patients"))
        .mapValues((key, json) -> summarise(reader, key, json), Named.as("summarise-patient"))
        .toTable(
            Named.as("patient-table"),
            Materialized.<String, PatientSummary, KeyValueStore<Bytes, byte[]>>as(STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(serde));
  }

  static PatientSummary summarise(PatientReader reader, String key, byte[] json) {
    if (key == null) {
      throw new BadRecordException("no-key", "Patient record has no key");
    }
    if (json == null) {
      return null;
    }
    PatientFacts patient = reader.read(json);
    return PatientSummary.newBuilder()
        .setPatientId(key)
        .setName(patient.name())
        .setMrn(patient.mrn())
        .setBirthDate(patient.birthDate())
        .build();
  }
}
