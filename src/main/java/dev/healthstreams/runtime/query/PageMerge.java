package dev.healthstreams.runtime.query;

import dev.healthstreams.topology.query.ListItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gathers the replicas' pages into one. Each replica gave its smallest keys after the cursor, up to
 * the limit; the smallest {@code limit} of their union are then the smallest overall, and anything
 * left out (cut here, or held back by a replica) sorts after the last key returned, which is
 * therefore the next cursor.
 */
final class PageMerge {
  private PageMerge() {}

  record Merged(List<ListItem> items, Optional<String> nextKey) {}

  static Merged merge(List<ReplicaPage> pages, int limit) {
    Map<String, ListItem> byKey = new LinkedHashMap<>();
    boolean more = false;
    for (ReplicaPage page : pages) {
      more |= page.more();
      // A key is in one active partition; should two replicas both list it mid-rebalance, once.
      page.items().forEach(item -> byKey.putIfAbsent(item.key(), item));
    }
    List<ListItem> sorted = new ArrayList<>(byKey.values());
    sorted.sort(Comparator.comparing(ListItem::key));
    more |= sorted.size() > limit;
    List<ListItem> page = List.copyOf(sorted.subList(0, Math.min(limit, sorted.size())));
    Optional<String> next =
        more && !page.isEmpty() ? Optional.of(page.get(page.size() - 1).key()) : Optional.empty();
    return new Merged(page, next);
  }

  /** A replica's own items, as the lister gave them: sorted, after the cursor, cut to the limit. */
  static ReplicaPage local(List<ListItem> listed, String after, int limit, Served served) {
    List<ListItem> items =
        new ArrayList<>(
            listed.stream()
                .filter(item -> after == null || item.key().compareTo(after) > 0)
                .toList());
    items.sort(Comparator.comparing(ListItem::key));
    boolean more = items.size() > limit;
    return new ReplicaPage(
        List.copyOf(items.subList(0, Math.min(limit, items.size()))), more, served.toJson());
  }
}
