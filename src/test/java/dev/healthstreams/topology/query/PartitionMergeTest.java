package dev.healthstreams.topology.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PartitionMergeTest {

  @Test
  void shouldMergeSortedPartitionsIntoOneKeyOrder() {
    List<List<String>> partitions =
        List.of(List.of("a", "d", "g"), List.of("b", "c", "h"), List.of("e", "f"));

    assertEquals(
        List.of("a", "b", "c", "d", "e", "f", "g", "h"), take(partitions, null, x -> true, 100));
  }

  @Test
  void shouldStartAfterTheCursorExclusively() {
    // Each partition starts at the cursor itself, as a store's range(cursor, null) does.
    List<List<String>> partitions = List.of(List.of("c", "e"), List.of("d"), List.of("b", "f"));

    assertEquals(List.of("d", "e"), take(partitions, "c", x -> true, 2));
    assertEquals(List.of(), take(partitions, "f", x -> true, 2));
  }

  @Test
  void shouldKeepEqualKeysOfDifferentPartitionsInPartitionOrder() {
    List<List<Item>> partitions =
        List.of(List.of(new Item("k", 0)), List.of(new Item("j", 1), new Item("k", 1)));

    List<Item> merged =
        PartitionMerge.first(
            PartitionMerge.merge(iterators(partitions), Item::key, null), item -> true, 10);

    assertEquals(List.of(new Item("j", 1), new Item("k", 0), new Item("k", 1)), merged);
  }

  @Test
  void shouldSkipEmptyPartitionsAndNoPartitions() {
    assertEquals(
        List.of("a", "b"),
        take(List.of(List.of(), List.of("a", "b"), List.of()), null, x -> true, 5));
    assertEquals(List.of(), take(List.of(), null, x -> true, 5));
  }

  @Test
  void shouldKeepOnlyMatchesUntilThePageIsFull() {
    List<List<String>> partitions = List.of(List.of("a1", "b2", "c3"), List.of("d4", "e5", "f6"));

    assertEquals(
        List.of("b2", "d4"), take(partitions, null, x -> "246".contains(x.substring(1)), 2));
  }

  /** Against a sort of everything, on random partitions; and a page reads partitions + page. */
  @Test
  void shouldMatchASortOfEverythingAndReadOnlyThePage() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      int count = random.nextInt(8);
      List<List<String>> partitions = new ArrayList<>();
      List<String> all = new ArrayList<>();
      for (int p = 0; p < count; p++) {
        List<String> keys = new ArrayList<>();
        for (int i = random.nextInt(30); i > 0; i--) {
          keys.add("pa-" + random.nextInt(1000));
        }
        keys = keys.stream().distinct().sorted().toList();
        partitions.add(keys);
        all.addAll(keys);
      }
      String cursor = random.nextBoolean() ? null : "pa-" + random.nextInt(1000);
      int n = 1 + random.nextInt(20);
      List<String> expected =
          all.stream()
              .sorted()
              .filter(k -> cursor == null || k.compareTo(cursor) > 0)
              .limit(n)
              .toList();

      List<Counting> sources = partitions.stream().map(Counting::new).toList();
      List<String> merged =
          PartitionMerge.first(PartitionMerge.merge(sources, k -> k, cursor), k -> true, n);

      assertEquals(expected, merged, "round " + round);
      if (cursor == null) {
        int reads = sources.stream().mapToInt(Counting::reads).sum();
        assertTrue(reads <= count + n, "read " + reads + " for a page of " + n);
      }
    }
  }

  private record Item(String key, int partition) {}

  private static List<String> take(
      List<List<String>> partitions,
      String after,
      java.util.function.Predicate<String> keep,
      int n) {
    return PartitionMerge.first(
        PartitionMerge.merge(iterators(partitions), Function.identity(), after), keep, n);
  }

  private static <T> List<Iterator<T>> iterators(List<List<T>> partitions) {
    return partitions.stream().map(List::iterator).toList();
  }

  /** A partition that counts the entries read from it. */
  private static final class Counting implements Iterator<String> {
    private final Iterator<String> keys;
    private int reads;

    Counting(List<String> keys) {
      this.keys = keys.iterator();
    }

    @Override
    public boolean hasNext() {
      return keys.hasNext();
    }

    @Override
    public String next() {
      reads++;
      return keys.next();
    }

    int reads() {
      return reads;
    }
  }
}
