package dev.healthstreams.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ParallelCloseTest {
  @Test
  void everyCloseRunsAtTheSameTimeAndAllHaveEndedOnReturn() {
    List<String> names = List.of("observation-alerting", "medication-interaction", "prior-auth");
    CountDownLatch allStarted = new CountDownLatch(names.size());
    Map<String, Boolean> sawTheOthers = new ConcurrentHashMap<>();
    Map<String, Runnable> closers = new LinkedHashMap<>();
    for (String name : names) {
      closers.put(
          name,
          () -> {
            allStarted.countDown();
            try {
              // Closed one after another, the first would wait here for closes not yet started.
              sawTheOthers.put(name, allStarted.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }

    ParallelClose.closeAll(closers);

    assertEquals(Map.of(names.get(0), true, names.get(1), true, names.get(2), true), sawTheOthers);
  }
}
