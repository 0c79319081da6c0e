package dev.healthstreams.topology.interaction;

import dev.healthstreams.avro.KnowledgeInteraction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The interaction index over the global knowledge store, rebuilt only when the store changed: a
 * lookup per request must cost hash lookups, not a scan of the knowledge. Updates bump a version;
 * the first lookup after a restart (which restores the store without the update processor) builds
 * it from the store.
 */
final class KnowledgeCache {
  private record Built(long version, InteractionIndex index) {}

  private final AtomicLong version = new AtomicLong(1);
  private volatile Built built = new Built(0, InteractionIndex.EMPTY);

  void changed() {
    version.incrementAndGet();
  }

  InteractionIndex index(ReadOnlyKeyValueStore<String, KnowledgeInteraction> store) {
    long current = version.get();
    Built snapshot = built;
    if (snapshot.version() == current) {
      return snapshot.index();
    }
    List<Interaction> interactions = new ArrayList<>();
    try (KeyValueIterator<String, KnowledgeInteraction> all = store.all()) {
      all.forEachRemaining(entry -> interactions.add(KnowledgeRecords.toInteraction(entry.value)));
    }
    InteractionIndex index = new InteractionIndex(interactions);
    built = new Built(current, index);
    return index;
  }
}
