package dev.healthstreams.topology;

import dev.healthstreams.serde.AvroSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * How the values of a topic role are encoded, and so which serde reads and writes them. FHIR and
 * plain JSON stay bytes: topologies parse them in their first processor, so that a bad record
 * reaches the dead-letter handler with its original bytes.
 */
public sealed interface ValueFormat<V> {
  Serde<V> serde(AvroSerdes avro);

  /** For `list` and `topics`: "fhir-json(Observation)", "avro(ClinicalAlert)", "json". */
  String label();

  static ValueFormat<byte[]> fhir(String resourceType) {
    return new FhirJson(resourceType);
  }

  static ValueFormat<byte[]> json() {
    return new Json();
  }

  /** Whatever the record was: dead letters keep the original bytes. */
  static ValueFormat<byte[]> original() {
    return new Original();
  }

  static <V extends SpecificRecord> ValueFormat<V> avro(Class<V> type) {
    return new Avro<>(type);
  }

  /** FHIR R4 JSON of one resource type, bare or in the platform envelope. */
  record FhirJson(String resourceType) implements ValueFormat<byte[]> {
    @Override
    public Serde<byte[]> serde(AvroSerdes avro) {
      return Serdes.ByteArray();
    }

    @Override
    public String label() {
      return "fhir-json(" + resourceType + ")";
    }
  }

  /** Plain JSON documents. */
  record Json() implements ValueFormat<byte[]> {
    @Override
    public Serde<byte[]> serde(AvroSerdes avro) {
      return Serdes.ByteArray();
    }

    @Override
    public String label() {
      return "json";
    }
  }

  /** The bytes of whatever record failed, unchanged. */
  record Original() implements ValueFormat<byte[]> {
    @Override
    public Serde<byte[]> serde(AvroSerdes avro) {
      return Serdes.ByteArray();
    }

    @Override
    public String label() {
      return "original";
    }
  }

  /** An Avro record class from src/main/avro, in the Confluent wire format. */
  record Avro<V extends SpecificRecord>(Class<V> type) implements ValueFormat<V> {
    @Override
    public Serde<V> serde(AvroSerdes avro) {
      return avro.specific(type);
    }

    @Override
    public String label() {
      return "avro(" + type.getSimpleName() + ")";
    }
  }
}
