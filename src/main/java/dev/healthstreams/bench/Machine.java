package dev.healthstreams.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine the figures belong to; load average shows how busy it was with other work. */
public record Machine(
    @JsonProperty("cores") int cores,
    @JsonProperty("memory_gb") long memoryGb,
    @JsonProperty("java") String java,
    @JsonProperty("max_heap_mb") long maxHeapMb,
    @JsonProperty("load_avg_1m_start") double loadAverageAtStart,
    @JsonProperty("load_avg_1m_end") double loadAverageAtEnd) {

  public static Machine now() {
    long memory = 0;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      memory = os.getTotalMemorySize();
    }
    double load = loadAverage();
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        Math.round(memory / (1024.0 * 1024 * 1024)),
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() / (1024 * 1024),
        load,
        load);
  }

  /** The machine line a report opens with. */
  public String describe(String started) {
    return String.format(
        Locale.ROOT,
        "Machine: %d cores, %d GiB, Java %s, max heap %d MiB; 1-minute load average %.2f at"
            + " start, %.2f at end. Started %s.%n%n",
        cores,
        memoryGb,
        java,
        maxHeapMb,
        loadAverageAtStart,
        loadAverageAtEnd,
        started);
  }

  public Machine ended() {
    return new Machine(cores, memoryGb, java, maxHeapMb, loadAverageAtStart, loadAverage());
  }

  /** The 1-minute load average from /proc/loadavg (or the OS bean), -1 when unknown. */
  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
    } catch (Exception e) {
      return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
  }
}
