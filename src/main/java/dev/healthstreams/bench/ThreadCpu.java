package dev.healthstreams.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a phase's CPU went, by kind of thread: the topology's stream threads, its producers'
 * network threads, the other Java threads (in the bench, the embedded broker's, mostly), and the
 * rest of the process (GC and JIT compiler threads, which are not Java threads). The stream
 * threads' share of the phase's wall time says whether the topology's own processing is the
 * bottleneck (near 100 %) or waits on the rest (the broker, commits).
 *
 * <p>A thread's CPU time can only be read while it lives: one that ends within the phase is counted
 * in the rest of the process.
 */
final class ThreadCpu {
  /** What a thread is, by its name. */
  enum Kind {
    STREAM("stream threads"),
    PRODUCER_IO("producer network threads"),
    OTHER_JAVA("other Java threads (broker)"),
    OUTSIDE_JAVA("GC, JIT and JVM");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** The CPU time of each live thread, by thread id, and the names. */
  record Snapshot(Map<Long, Long> cpuNanos, Map<Long, String> names) {}

  private ThreadCpu() {}

  /** Kafka Streams names its threads {@code <client id>-StreamThread-<n>}, their producers too. */
  static Kind kind(String threadName) {
    if (threadName.startsWith("kafka-producer-network-thread")) {
      return Kind.PRODUCER_IO;
    }
    return threadName.contains("-StreamThread-") ? Kind.STREAM : Kind.OTHER_JAVA;
  }

  /** Every live Java thread's CPU time now; empty where the JVM does not measure it. */
  static Snapshot take() {
    Map<Long, Long> cpu = new HashMap<>();
    Map<Long, String> names = new HashMap<>();
    if (!THREADS.isThreadCpuTimeSupported() || !THREADS.isThreadCpuTimeEnabled()) {
      return new Snapshot(cpu, names);
    }
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info == null) {
        continue; // ended since the ids were listed
      }
      long nanos = THREADS.getThreadCpuTime(info.getThreadId());
      if (nanos >= 0) {
        cpu.put(info.getThreadId(), nanos);
        names.put(info.getThreadId(), info.getThreadName());
      }
    }
    return new Snapshot(cpu, names);
  }

  /**
   * The CPU each kind of thread used between two snapshots; what the process used besides its Java
   * threads is {@link Kind#OUTSIDE_JAVA}. A thread started in between counts from zero.
   */
  static Map<Kind, Long> between(Snapshot before, Snapshot after, long processCpuNanos) {
    Map<Kind, Long> split = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      split.put(kind, 0L);
    }
    long java = 0;
    for (Map.Entry<Long, Long> thread : after.cpuNanos().entrySet()) {
      long used =
          Math.max(0, thread.getValue() - before.cpuNanos().getOrDefault(thread.getKey(), 0L));
      split.merge(kind(after.names().get(thread.getKey())), used, Long::sum);
      java += used;
    }
    split.put(Kind.OUTSIDE_JAVA, Math.max(0, processCpuNanos - java));
    return split;
  }

  /**
   * "stream threads 5.1 us (busy 93 % of the phase), producer network threads 0.4 us, ..." per
   * input record; the stream threads' busy share is their CPU over the phase's wall time, summed
   * over the threads.
   */
  static String describe(Map<Kind, Long> split, long inputRecords, long wallNanos) {
    StringBuilder line = new StringBuilder();
    for (Map.Entry<Kind, Long> entry : split.entrySet()) {
      if (!line.isEmpty()) {
        line.append(", ");
      }
      line.append(entry.getKey().label())
          .append(String.format(" %.1f us", entry.getValue() / 1e3 / inputRecords));
      if (entry.getKey() == Kind.STREAM && wallNanos > 0) {
        line.append(
            String.format(" (busy %.0f %% of the phase)", 100.0 * entry.getValue() / wallNanos));
      }
    }
    return line.toString();
  }
}
