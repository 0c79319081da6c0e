package dev.healthstreams.runtime.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.healthstreams.runtime.query.Served.Copy;
import dev.healthstreams.topology.query.ListItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PageMergeTest {
  private static final Served SERVED = new Served("h:1", Copy.ACTIVE, 0);

  @Test
  void shouldMergeSortAndCutWithTheLastKeyAsCursor() {
    PageMerge.Merged merged =
        PageMerge.merge(List.of(page(false, "b", "d"), page(false, "a", "c", "e")), 3);

    assertEquals(List.of("a", "b", "c"), keys(merged.items()));
    assertEquals(Optional.of("c"), merged.nextKey());
  }

  @Test
  void shouldGiveACursorWhenAReplicaHeldItemsBack() {
    PageMerge.Merged merged = PageMerge.merge(List.of(page(true, "a", "b"), page(false)), 2);

    assertEquals(List.of("a", "b"), keys(merged.items()));
    assertEquals(Optional.of("b"), merged.nextKey());
  }

  @Test
  void shouldEndWithoutCursorWhenEverythingFits() {
    PageMerge.Merged merged = PageMerge.merge(List.of(page(false, "a"), page(false, "b")), 2);

    assertEquals(List.of("a", "b"), keys(merged.items()));
    assertEquals(Optional.empty(), merged.nextKey());
  }

  @Test
  void shouldListEachKeyOnceWhenTwoReplicasBothHoldIt() {
    PageMerge.Merged merged = PageMerge.merge(List.of(page(false, "a"), page(false, "a")), 5);

    assertEquals(List.of("a"), keys(merged.items()));
  }

  /** Paging through three replicas' keys, each replica paging as its lister would. */
  @Test
  void shouldVisitEveryKeyExactlyOnceAcrossPages() {
    List<List<String>> replicas =
        List.of(
            List.of("k01", "k04", "k05", "k06", "k07", "k12"),
            List.of("k02", "k08", "k09"),
            List.of("k03", "k10", "k11", "k13", "k14"));
    List<String> visited = new ArrayList<>();
    String cursor = null;
    int limit = 4;
    do {
      List<ReplicaPage> pages = new ArrayList<>();
      for (List<String> keys : replicas) {
        List<ListItem> listed = keys.stream().map(PageMergeTest::item).toList();
        pages.add(PageMerge.local(listed, cursor, limit, SERVED));
      }
      PageMerge.Merged merged = PageMerge.merge(pages, limit);
      visited.addAll(keys(merged.items()));
      cursor = merged.nextKey().orElse(null);
    } while (cursor != null);

    TreeSet<String> all = new TreeSet<>();
    replicas.forEach(all::addAll);
    assertEquals(List.copyOf(all), visited);
  }

  @Test
  void shouldCutALocalPageAfterTheCursorAndTellThatMoreFollow() {
    ReplicaPage local =
        PageMerge.local(List.of(item("c"), item("a"), item("b"), item("d")), "a", 2, SERVED);

    assertEquals(List.of("b", "c"), keys(local.items()));
    assertTrue(local.more());
    assertFalse(PageMerge.local(List.of(item("a")), null, 2, SERVED).more());
  }

  @Test
  void shouldRoundTripAReplicaPageAsJson() {
    ReplicaPage page = PageMerge.local(List.of(item("a"), item("b")), null, 1, SERVED);

    // As JSON text: a parsed 0 is an int node where the original held a long one.
    assertEquals(
        page.toJson().toString(),
        ReplicaPage.fromJson(page.toJson().toString()).toJson().toString());
  }

  private static ReplicaPage page(boolean more, String... keys) {
    return new ReplicaPage(
        List.of(keys).stream().map(PageMergeTest::item).toList(), more, SERVED.toJson());
  }

  private static ListItem item(String key) {
    return new ListItem(key, TextNode.valueOf("v-" + key));
  }

  private static List<String> keys(List<ListItem> items) {
    return items.stream().map(ListItem::key).toList();
  }
}
