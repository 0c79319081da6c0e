package dev.healthstreams.cli.console;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each topology has emitted so far: outputs by kind (the output role, or the topic of a
 * route), dead letters by reason, and the one-line summaries of its last few outputs. Written by
 * the demo's reader of the output topics, read by the console; summaries only, never record values.
 */
public final class DemoTally {
  private final int keepLast;
  private final Map<String, Counts> byTopology = new LinkedHashMap<>();
  private long events;

  /**
   * @param topologies in the order the console shows them
   * @param keepLast how many recent summaries to keep per topology
   */
  public DemoTally(List<String> topologies, int keepLast) {
    this.keepLast = keepLast;
    topologies.forEach(name -> byTopology.put(name, new Counts()));
  }

  public synchronized void output(String topology, String kind, String summary) {
    Counts counts = counts(topology);
    counts.outputs.merge(kind, 1L, Long::sum);
    counts.last.addLast(summary);
    while (counts.last.size() > keepLast) {
      counts.last.removeFirst();
    }
    events++;
  }

  public synchronized void deadLetter(String topology, String reason) {
    counts(topology).deadLetters.merge(reason, 1L, Long::sum);
    events++;
  }

  /** Outputs and dead letters seen so far, all topologies: changes whenever anything arrives. */
  public synchronized long events() {
    return events;
  }

  public synchronized List<TopologyCounts> snapshot() {
    List<TopologyCounts> snapshot = new ArrayList<>();
    byTopology.forEach(
        (name, c) ->
            snapshot.add(
                new TopologyCounts(
                    name,
                    new TreeMap<>(c.outputs),
                    new TreeMap<>(c.deadLetters),
                    List.copyOf(c.last))));
    return snapshot;
  }

  private Counts counts(String topology) {
    return byTopology.computeIfAbsent(topology, name -> new Counts());
  }

  private static final class Counts {
    final Map<String, Long> outputs = new TreeMap<>();
    final Map<String, Long> deadLetters = new TreeMap<>();
    final Deque<String> last = new ArrayDeque<>();
  }

  /**
   * @param outputs count by output kind, sorted by kind
   * @param deadLetters count by reason, sorted by reason
   * @param last the latest summaries, oldest first
   */
  public record TopologyCounts(
      String name, Map<String, Long> outputs, Map<String, Long> deadLetters, List<String> last) {
    public long outputTotal() {
      return outputs.values().stream().mapToLong(Long::longValue).sum();
    }

    public long deadLetterTotal() {
      return deadLetters.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
