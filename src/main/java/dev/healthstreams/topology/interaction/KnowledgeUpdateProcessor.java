package dev.healthstreams.topology.interaction;

import dev.healthstreams.avro.KnowledgeInteraction;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global knowledge store and tells the cache it changed; a tombstone removes. */
final class KnowledgeUpdateProcessor
    implements Processor<String, KnowledgeInteraction, Void, Void> {
  private final KnowledgeCache cache;
  private KeyValueStore<String, KnowledgeInteraction> store;

  KnowledgeUpdateProcessor(KnowledgeCache cache) {
    this.cache = cache;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(MedicationInteractionTopology.KNOWLEDGE_STORE);
  }

  @Override
  public void process(Record<String, KnowledgeInteraction> record) {
    if (record.value() == null) {
      store.delete(record.key());
    } else {
      store.put(record.key(), record.value());
    }
    cache.changed();
  }
}
