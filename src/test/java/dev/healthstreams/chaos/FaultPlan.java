package dev.healthstreams.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * When each fault of a chaos run happens, drawn from its seed: {@code kills} {@code kill -9}s of a
 * random replica, one graceful restart (SIGTERM) and one broker {@code kill -9}, each at a random
 * moment of the feed and followed by a random pause before the restart.
 */
final class FaultPlan {
  enum Kind {
    KILL_REPLICA,
    RESTART_REPLICA,
    KILL_BROKER
  }

  /** A fault at {@code at} after the feed began; {@code replica} is -1 for the broker. */
  record Fault(Kind kind, Duration at, int replica, Duration pause) {
    @Override
    public String toString() {
      return String.format(
          "%6.1fs %s%s, restarted after %.1fs",
          at.toMillis() / 1000.0,
          kind,
          replica < 0 ? "" : " " + (replica + 1),
          pause.toMillis() / 1000.0);
    }
  }

  private FaultPlan() {}

  /**
   * The faults in time order. Moments fall in the first nine tenths of the feed, so the last
   * restart still happens while records flow.
   */
  static List<Fault> draw(Random random, int kills, int replicas, Duration feed) {
    long window = feed.toMillis() * 9 / 10;
    List<Fault> faults = new ArrayList<>();
    for (int k = 0; k < kills; k++) {
      faults.add(
          new Fault(
              Kind.KILL_REPLICA,
              Duration.ofMillis(random.nextLong(window)),
              random.nextInt(replicas),
              Duration.ofMillis(500 + random.nextLong(4500))));
    }
    faults.add(
        new Fault(
            Kind.RESTART_REPLICA,
            Duration.ofMillis(random.nextLong(window)),
            random.nextInt(replicas),
            Duration.ZERO));
    faults.add(
        new Fault(
            Kind.KILL_BROKER,
            Duration.ofMillis(random.nextLong(window)),
            -1,
            Duration.ofMillis(1000 + random.nextLong(4000))));
    faults.sort(Comparator.comparing(Fault::at));
    return faults;
  }
}
