package dev.healthstreams.topology.consent;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * FHIR Consents (keyed by resource id) as changes keyed by patient. Remembers each Consent's
 * patient so that a tombstone, which carries none, deletes it from the right patient, and a Consent
 * moved to another patient leaves the first.
 */
final class FhirConsentRoutingProcessor
    implements Processor<String, byte[], String, ConsentChange> {
  static final String STORE = "fhir-consent-patients";

  private ProcessorContext<String, ConsentChange> context;
  private KeyValueStore<String, String> patients;

  static StoreBuilder<KeyValueStore<String, String>> store() {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.String());
  }

  @Override
  public void init(ProcessorContext<String, ConsentChange> context) {
    this.context = context;
    this.patients = context.getStateStore(STORE);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    long at = record.timestamp();
    if (record.value() == null) {
      String patient = record.key() == null ? null : patients.get(record.key());
      if (patient != null) {
        patients.delete(record.key());
        forward(record, patient, delete(patient, record.key(), at));
      }
      return;
    }
    Consent consent = FhirConsentMapper.map(record.value(), at);
    String previous = patients.get(consent.id());
    if (previous != null && !previous.equals(consent.patientId())) {
      forward(record, previous, delete(previous, consent.id(), at));
    }
    patients.put(consent.id(), consent.patientId());
    forward(
        record,
        consent.patientId(),
        new ConsentChange(
            consent.patientId(),
            consent.id(),
            SourceFormat.FHIR,
            ConsentChange.Kind.UPSERT,
            consent,
            at));
  }

  private static ConsentChange delete(String patient, String consentId, long at) {
    return new ConsentChange(
        patient, consentId, SourceFormat.FHIR, ConsentChange.Kind.DELETE, null, at);
  }

  private void forward(Record<String, byte[]> record, String patient, ConsentChange change) {
    context.forward(record.withKey(patient).withValue(change));
  }
}
