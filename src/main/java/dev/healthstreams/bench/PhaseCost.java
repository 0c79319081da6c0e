package dev.healthstreams.bench;

import java.io.PrintWriter;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;

/**
 * What a phase cost per input record: the records it wrote to each topic of the topology (outputs,
 * changelogs, repartition topics), from the end offsets before and after, and the CPU time of the
 * whole process (stream thread, producer, embedded broker, GC), split by kind of thread ({@link
 * ThreadCpu}), with how long the stream threads waited on Kafka ({@link StreamThreadWaits}): what
 * bounds the phase. Under exactly-once each transaction also adds one commit marker per partition
 * it wrote, so the write figures are slightly high (about one per partition per commit interval).
 * CPU per record holds up better than records/s on a busy machine, where the process gets only part
 * of the cores. The JIT compilers' time within that CPU tells a phase still warming up: the first
 * phase of a run, or a short phase over a lot of code (canonical-sync), can spend a fifth to a half
 * of its CPU compiling.
 */
final class PhaseCost {
  private final Admin admin;
  private final Set<String> topics;
  private final Map<String, Long> before;
  private final CompileShare compiling;
  private final ThreadCpu.Snapshot threadsBefore;
  private final Supplier<Map<MetricName, ? extends Metric>> streamsMetrics;
  private final StreamThreadWaits.Snapshot waitsBefore;

  private PhaseCost(
      Admin admin, Set<String> topics, Supplier<Map<MetricName, ? extends Metric>> streamsMetrics) {
    this.admin = admin;
    this.topics = topics;
    this.streamsMetrics = streamsMetrics;
    this.before = totals();
    this.waitsBefore = streamsMetrics == null ? null : StreamThreadWaits.read(streamsMetrics.get());
    this.threadsBefore = ThreadCpu.take();
    this.compiling = CompileShare.start();
  }

  /**
   * Counts from now: the process's CPU, the plan's topics but its inputs, its internal ones, and,
   * given the topology's Kafka Streams metrics (null for a peer), its stream threads' waits.
   */
  static PhaseCost start(
      Admin admin, BenchPlan plan, Supplier<Map<MetricName, ? extends Metric>> streamsMetrics) {
    Set<String> topics = new TreeSet<>(plan.topics().keySet());
    topics.remove(plan.input().topic());
    topics.removeAll(plan.tableTopics());
    String internal = plan.applicationId() + "-";
    try {
      admin.listTopics().names().get().stream()
          .filter(name -> name.startsWith(internal))
          .forEach(topics::add);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot list topics", e.getCause());
    }
    return new PhaseCost(admin, topics, streamsMetrics);
  }

  /**
   * Prints the CPU time, split by kind of thread, and each topic written since {@link #start}, per
   * input record; {@code wallNanos} is how long the phase took.
   */
  void print(PrintWriter out, long inputRecords, long wallNanos) {
    ThreadCpu.Snapshot threadsAfter = ThreadCpu.take();
    StreamThreadWaits.Snapshot waitsAfter =
        streamsMetrics == null ? null : StreamThreadWaits.read(streamsMetrics.get());
    long cpu = compiling.cpuNanos();
    Map<String, Long> after = totals();
    out.printf(
        "  process CPU: %.1f s, %.1f us per input record%s%n",
        cpu / 1e9, cpu / 1e3 / inputRecords, compiling.describe());
    if (!threadsAfter.cpuNanos().isEmpty()) {
      out.printf(
          "    of it: %s%n",
          ThreadCpu.describe(
              ThreadCpu.between(threadsBefore, threadsAfter, cpu), inputRecords, wallNanos));
    }
    if (waitsAfter != null) {
      out.printf(
          "    stream threads: %s%n",
          StreamThreadWaits.describe(waitsBefore, waitsAfter, wallNanos));
    }
    long sum = 0;
    out.printf("  offsets written per input record (records + transaction markers):%n");
    for (String topic : topics) {
      long written = after.getOrDefault(topic, 0L) - before.getOrDefault(topic, 0L);
      if (written > 0) {
        sum += written;
        out.printf("    %-90s %6.2f%n", topic, written / (double) inputRecords);
      }
    }
    out.printf("    %-90s %6.2f%n", "all", sum / (double) inputRecords);
  }

  /**
   * The process CPU and the JIT compilers' elapsed time since a mark, without the topic counts of a
   * whole {@link PhaseCost}: what the warm-up checks after each round.
   */
  static final class CompileShare {
    private final long cpuNanosBefore = cpuNanos();
    private final long compileMillisBefore = compileMillis();

    static CompileShare start() {
      return new CompileShare();
    }

    long cpuNanos() {
      return PhaseCost.cpuNanos() - cpuNanosBefore;
    }

    /**
     * The compilers' elapsed time as a share of the process CPU (0 where the JVM does not count
     * it): above a few per cent, the topology's code is still being compiled.
     */
    double share() {
      long compile = compileNanos();
      long cpu = cpuNanos();
      return compile < 0 || cpu <= 0 ? 0 : compile / (double) cpu;
    }

    /**
     * "; JIT compilers busy 2.1 s (up to 9 % of it)", or nothing where the JVM does not count it.
     * The JVM counts the compilers' elapsed time, which is their CPU time at most when they wait
     * for a core: hence "up to".
     */
    String describe() {
      long compile = compileNanos();
      long cpu = cpuNanos();
      if (compile < 0 || cpu <= 0) {
        return "";
      }
      return String.format(
          "; JIT compilers busy %.1f s (up to %.0f %% of it)",
          compile / 1e9, 100.0 * compile / cpu);
    }

    /** The compilers' time since the mark in ns; -1 where the JVM does not count it. */
    private long compileNanos() {
      long now = compileMillis();
      return now < 0 || compileMillisBefore < 0 ? -1 : (now - compileMillisBefore) * 1_000_000;
    }
  }

  /** Time the JIT compilers spent so far, in ms; -1 where the JVM does not count it. */
  private static long compileMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit.getTotalCompilationTime()
        : -1;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private Map<String, Long> totals() {
    Map<String, Long> totals = new TreeMap<>();
    Map<TopicPartition, Long> ends = new LagMeter(admin).endOffsets(topics);
    ends.forEach((tp, end) -> totals.merge(tp.topic(), end, Long::sum));
    return totals;
  }
}
