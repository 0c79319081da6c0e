package dev.healthstreams.topology.canonical;

import dev.healthstreams.errors.BadRecordException;
import dev.healthstreams.topology.support.Correlation;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Reads one source topic's records (bare, enveloped or Debezium; tombstones included) into what the
 * stages after it work with. An unreadable record throws {@link BadRecordException}: the runtime
 * sends it to the dead-letter topic and goes on with the next.
 */
final class SourceReadProcessor<V> implements FixedKeyProcessor<String, byte[], V> {
  /** What a read change becomes; the key is the record's key, the headers its headers. */
  interface Reading<V> {
    V read(String key, SourceChange change, Headers headers);
  }

  private final SourceChangeReader reader = new SourceChangeReader();
  private final Reading<V> reading;
  private FixedKeyProcessorContext<String, V> context;

  SourceReadProcessor(Reading<V> reading) {
    this.reading = reading;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, V> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
    SourceChange change = reader.read(record.value());
    context.forward(record.withValue(reading.read(record.key(), change, record.headers())));
  }

  static Reading<IdentityInput> ehrPatients(String mrnSystem) {
    EhrPatientMapper mapper = new EhrPatientMapper(mrnSystem);
    return (key, change, headers) -> {
      String correlation = Correlation.id(change.correlationId(), headers);
      if (change.delete()) {
        String id = idOr(EhrPatientMapper.idOf(change.deletedDocument()), key, "Patient");
        SourceKey source = new SourceKey(SourceKey.EHR, id);
        return new IdentityInput(
            PatientChange.delete(source, change.position()), null, correlation, source + "@delete");
      }
      PatientRecord patient =
          mapper.map(change.document(), change.position(), change.sourceTimestamp());
      return new IdentityInput(
          PatientChange.upsert(patient),
          null,
          correlation,
          patient.source() + "@" + patient.version());
    };
  }

  static Reading<PharmacyChange> prescriptions(String mrnSystem) {
    PharmacyPrescriptionMapper mapper = new PharmacyPrescriptionMapper(mrnSystem);
    return (key, change, headers) -> {
      String correlation = Correlation.id(change.correlationId(), headers);
      if (change.delete()) {
        String rxId =
            idOr(PharmacyPrescriptionMapper.rxIdOf(change.deletedDocument()), key, "prescription");
        return new PharmacyChange(
            null, null, rxId, change.position(), correlation, "prescription/" + rxId + "@delete");
      }
      PharmacyPrescriptionMapper.Mapped mapped =
          mapper.map(change.document(), change.position(), change.sourceTimestamp());
      PrescriptionRecord rx = mapped.prescription();
      return new PharmacyChange(
          rx,
          mapped.patient(),
          null,
          null,
          correlation,
          "prescription/" + rx.rxId() + "@" + rx.version());
    };
  }

  static Reading<ObservationChange> observations() {
    ObservationMapper mapper = new ObservationMapper();
    return (key, change, headers) -> {
      String correlation = Correlation.id(change.correlationId(), headers);
      if (change.delete()) {
        String id = idOr(ObservationMapper.idOf(change.deletedDocument()), key, "Observation");
        return new ObservationChange(
            null, id, change.position(), correlation, "Observation/" + id + "@delete");
      }
      ObservationRecord observation = mapper.map(change.document(), change.position());
      return new ObservationChange(
          observation,
          null,
          null,
          correlation,
          "Observation/" + observation.id() + "@" + observation.version());
    };
  }

  static Reading<IdentityInput> linkCommands() {
    return (key, change, headers) -> {
      if (change.delete()) {
        throw new BadRecordException("bad-command", "a link command cannot be deleted");
      }
      LinkCommand command = LinkCommand.read(change.document());
      return new IdentityInput(
          null,
          command,
          Correlation.id(change.correlationId(), headers),
          "link-command/" + command.command() + "/" + command.sourceA() + "+" + command.sourceB());
    };
  }

  /** A delete names its record by the document it carried, else by the record key. */
  private static String idOr(String fromDocument, String key, String what) {
    String id = fromDocument != null ? fromDocument : key;
    if (id == null || id.isBlank()) {
      throw new BadRecordException("no-id", "a deleted " + what + " names no id");
    }
    return id;
  }
}
