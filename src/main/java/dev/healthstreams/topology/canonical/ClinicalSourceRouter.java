package dev.healthstreams.topology.canonical;

import dev.healthstreams.topology.support.StatefulProcessors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keys each prescription or observation version by its patient source record, for the clinical
 * stage, and keeps that source per entity. A deletion names no patient (a tombstone carries
 * nothing, an {@code op: d} only what its {@code before} held), so it goes to the source its entity
 * was last filed under: there the stage drops a version still waiting for its golden patient,
 * instead of releasing it after the tombstone. A deletion of an entity never seen goes under its
 * own key, where nothing waits. Partitioned as the source topic, by entity id.
 */
final class ClinicalSourceRouter
    implements Processor<String, ClinicalInput, String, ClinicalInput> {
  static final String PRESCRIPTIONS_STORE = "canonical-sync-prescription-sources";
  static final String OBSERVATIONS_STORE = "canonical-sync-observation-sources";

  private final String storeName;
  private ProcessorContext<String, ClinicalInput> context;
  private KeyValueStore<String, String> sources;

  private ClinicalSourceRouter(String storeName) {
    this.storeName = storeName;
  }

  static ProcessorSupplier<String, ClinicalInput, String, ClinicalInput> supplier(
      String storeName) {
    return StatefulProcessors.supplier(
        () -> new ClinicalSourceRouter(storeName),
        IdentityProcessor.store(storeName, Serdes.String()));
  }

  @Override
  public void init(ProcessorContext<String, ClinicalInput> context) {
    this.context = context;
    this.sources = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, ClinicalInput> record) {
    ClinicalInput input = record.value();
    String entity = input.entityKey();
    String source;
    if (input.deletion() != null) {
      // Kept, not deleted: a deletion read again (at-least-once, after a crash) must go where it
      // went the first time.
      String filed = sources.get(entity);
      source = filed != null ? filed : entity;
    } else {
      source = input.patientSource();
      if (!source.equals(sources.get(entity))) {
        sources.put(entity, source);
      }
    }
    context.forward(record.withKey(source));
  }
}
