package dev.healthstreams.topology.query;

import java.util.List;

/** Lists this replica's share of a {@link ListQuery}. */
@FunctionalInterface
public interface LocalLister {
  /**
   * Items whose key is after {@code page.after()}, in key order, at most {@code page.fetchSize()}
   * of them (one more than the limit: that one only tells that more follow). Throws {@link
   * BadQueryParameter} for a parameter it cannot use.
   */
  List<ListItem> list(LocalStores stores, QueryRequest request, PageRequest page);
}
