package dev.healthstreams.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RestoreProgressTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final RestoreProgress progress =
      new RestoreProgress(
          new Clock() {
            @Override
            public Instant instant() {
              return Instant.ofEpochMilli(now.get());
            }

            @Override
            public java.time.ZoneId getZone() {
              return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
              return this;
            }
          });
  private final TopicPartition p0 = new TopicPartition("app-store-changelog", 0);
  private final TopicPartition p1 = new TopicPartition("app-store-changelog", 1);

  @Test
  void shouldStopReportingARestoreARebalanceSuspended() {
    progress.onRestoreStart(p0, "store", 0, 500);
    progress.onRestoreStart(p1, "store", 0, 300);
    progress.onBatchRestored(p0, "store", 100, 100);

    progress.onRestoreSuspended(p0, "store", 100);

    assertEquals(300, progress.remainingRecords(), "only p1 is still restoring here");
    assertEquals(1, progress.snapshot().size());
    progress.onRestoreSuspended(p1, "store", 0);
    assertEquals(0, progress.remainingRecords());
    assertEquals(Map.of(), progress.snapshot());
  }

  @Test
  void shouldReportNothingWhenNoRestoreIsUnderWay() {
    assertEquals(0, progress.remainingRecords());
    assertEquals(0.0, progress.runningSeconds());
  }

  @Test
  void shouldCountRemainingRecordsAndTimeTheOldestRestoreUnderWay() {
    progress.onRestoreStart(p0, "store", 100, 1_100); // 1000 to restore
    now.addAndGet(4_000);
    progress.onRestoreStart(p1, "store", 0, 500); // 500 to restore
    progress.onBatchRestored(p0, "store", 400, 300);
    now.addAndGet(2_500);

    assertEquals(700 + 500, progress.remainingRecords());
    assertEquals(6.5, progress.runningSeconds(), "since p0 started");

    progress.onRestoreEnd(p0, "store", 1_000);
    assertEquals(500, progress.remainingRecords());
    assertEquals(2.5, progress.runningSeconds(), "since p1 started");

    progress.onRestoreEnd(p1, "store", 500);
    assertEquals(0.0, progress.runningSeconds());
  }

  @Test
  void shouldKeepCountingRestoredRecordsPerStoreAfterTheRestoresEnd() {
    TopicPartition other = new TopicPartition("app-other-changelog", 0);
    progress.onRestoreStart(p0, "store", 0, 1_000);
    progress.onRestoreStart(other, "other", 0, 20);
    progress.onBatchRestored(p0, "store", 600, 600);
    progress.onBatchRestored(other, "other", 20, 20);
    progress.onBatchRestored(p0, "store", 1_000, 400);
    progress.onRestoreEnd(p0, "store", 1_000);
    progress.onRestoreEnd(other, "other", 20);
    progress.onRestoreStart(p1, "store", 0, 5);
    progress.onBatchRestored(p1, "store", 5, 5);

    assertEquals(Map.of("store", 1_005L, "other", 20L), progress.restoredSinceStart());
  }
}
