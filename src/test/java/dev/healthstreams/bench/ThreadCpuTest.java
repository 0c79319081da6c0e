package dev.healthstreams.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.bench.ThreadCpu.Kind;
import dev.healthstreams.bench.ThreadCpu.Snapshot;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
  private static final String STREAM =
      "healthstreams-consent-table-1c9e2f0a-5b7d-4c1e-9f3a-2d6b8e4f0a11-StreamThread-1";
  private static final String PRODUCER = "kafka-producer-network-thread | " + STREAM + "-producer";
  private static final String BROKER = "data-plane-kafka-request-handler-0";

  @Test
  void shouldTellStreamThreadsTheirProducersAndTheRestApartByName() {
    assertEquals(Kind.STREAM, ThreadCpu.kind(STREAM));
    assertEquals(Kind.PRODUCER_IO, ThreadCpu.kind(PRODUCER));
    assertEquals(Kind.OTHER_JAVA, ThreadCpu.kind(BROKER));
    assertEquals(Kind.OTHER_JAVA, ThreadCpu.kind("main"));
  }

  @Test
  void shouldSplitThePhaseByKindAndLeaveTheRestOfTheProcessOutsideJava() {
    Snapshot before = new Snapshot(Map.of(1L, 1_000L, 2L, 500L), Map.of(1L, STREAM, 2L, BROKER));
    // Thread 3, a producer, started within the phase: all of its time counts.
    Snapshot after =
        new Snapshot(
            Map.of(1L, 9_000L, 2L, 2_500L, 3L, 700L), Map.of(1L, STREAM, 2L, BROKER, 3L, PRODUCER));

    Map<Kind, Long> split = ThreadCpu.between(before, after, 12_000L);

    assertEquals(8_000L, split.get(Kind.STREAM));
    assertEquals(700L, split.get(Kind.PRODUCER_IO));
    assertEquals(2_000L, split.get(Kind.OTHER_JAVA));
    assertEquals(12_000L - 8_000L - 700L - 2_000L, split.get(Kind.OUTSIDE_JAVA));
  }

  @Test
  void shouldDescribeMicrosecondsPerRecordAndHowBusyTheStreamThreadsWere() {
    Map<Kind, Long> split =
        ThreadCpu.between(
            new Snapshot(Map.of(), Map.of()),
            new Snapshot(Map.of(1L, 4_500_000L, 2L, 1_000_000L), Map.of(1L, STREAM, 2L, BROKER)),
            6_000_000L);

    // 1,000 records in a phase of 5 ms: 4.5 ms of stream thread is 90 % of it.
    assertEquals(
        "stream threads 4.5 us (busy 90 % of the phase), producer network threads 0.0 us,"
            + " other Java threads (broker) 1.0 us, GC, JIT and JVM 0.5 us",
        ThreadCpu.describe(split, 1_000, 5_000_000L));
  }

  @Test
  void shouldMeasureTheCpuOfTheThreadsThatRun() {
    Snapshot before = ThreadCpu.take();
    long sum = 0;
    long until = System.nanoTime() + 50_000_000L;
    while (System.nanoTime() < until) {
      sum += Long.numberOfTrailingZeros(System.nanoTime());
    }
    Snapshot after = ThreadCpu.take();

    long me = Thread.currentThread().getId();
    assertTrue(sum >= 0);
    assertTrue(
        after.cpuNanos().get(me) - before.cpuNanos().get(me) >= 10_000_000L,
        "50 ms of spinning used at least 10 ms of this thread's CPU");
    assertEquals(Thread.currentThread().getName(), after.names().get(me));
  }
}
