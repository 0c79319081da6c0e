package dev.healthstreams.topology.interaction;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The interaction index over the global knowledge store, rebuilt only when the store changed: a
 * lookup per request must cost hash lookups, not a scan of the knowledge. Updates bump a version;
 * the first lookup after a restart (which restores the store without the update processor) builds
 * it from the store. The caller reads the store ({@link InteractionCheckProcessor}), so the cache
 * stays free of Kafka types.
 */
final class KnowledgeCache {
  private record Built(long version, InteractionIndex index) {}

  private final AtomicLong version = new AtomicLong(1);
  private volatile Built built = new Built(0, InteractionIndex.EMPTY);

  void changed() {
    version.incrementAndGet();
  }

  /** The index, rebuilt from {@code allInteractions} (read only then) when the store changed. */
  InteractionIndex index(Supplier<List<Interaction>> allInteractions) {
    long current = version.get();
    Built snapshot = built;
    if (snapshot.version() == current) {
      return snapshot.index();
    }
    InteractionIndex index = new InteractionIndex(allInteractions.get());
    built = new Built(current, index);
    return index;
  }
}
