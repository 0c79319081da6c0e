package dev.healthstreams.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Polls used heap (MemoryMXBean, every 50 ms: garbage not yet collected included) and the resident
 * set of the whole process (VmRSS from /proc/self/status: the broker, the clients and RocksDB's
 * native memory included). The kernel's own peak (VmHWM) is reset at start when allowed.
 */
public final class MemorySampler implements AutoCloseable {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peakHeap;
  private volatile long peakRss;
  private final boolean hwmReset;

  public MemorySampler() {
    boolean reset;
    try {
      Files.writeString(CLEAR_REFS, "5"); // resets VmHWM to the current RSS (Linux >= 4.0)
      reset = true;
    } catch (IOException | RuntimeException e) {
      reset = false; // not Linux, or not allowed: VmHWM covers the whole process life, unused
    }
    hwmReset = reset;
    thread = new Thread(this::poll, "bench-memory");
    thread.setDaemon(true);
    sample();
    thread.start();
  }

  private void poll() {
    while (running) {
      sample();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sample() {
    peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
    peakRss = Math.max(peakRss, statusKb("VmRSS:") * 1024);
  }

  public long peakHeapBytes() {
    return peakHeap;
  }

  /** The larger of the sampled VmRSS peak and the kernel's VmHWM since start (when reset). */
  public long peakRssBytes() {
    return hwmReset ? Math.max(peakRss, statusKb("VmHWM:") * 1024) : peakRss;
  }

  static long statusKb(String field) {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return 0;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
