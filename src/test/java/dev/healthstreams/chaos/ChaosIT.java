package dev.healthstreams.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.runtime.SampleProducer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's failure test: three replicas killed and restarted, a broker killed and restarted,
 * nothing lost, nothing doubled (under exactly-once), no PHI in any log. Every {@code verify} runs
 * the reduced run (the pom's {@code chaos.size}, about three to four minutes on two cores); {@code
 * -Pchaos} runs the full one instead (a million input records, a dozen kills), {@code
 * -Dchaos.size=off} none. {@code -Dchaos.seed=N} repeats a run's input and faults; {@code
 * -Dchaos.guarantee=at_least_once} runs it under at-least-once, where duplicates are counted but
 * nothing may be missing. The report is printed and written to {@code target/chaos-report.txt}.
 */
@EnabledIfSystemProperty(named = "chaos.size", matches = "full|reduced")
class ChaosIT {

  /** Kept when the run fails: its logs, input and backtest say what happened. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void shouldLoseNothingAndDoubleNothingWhileReplicasAndTheBrokerAreKilled() throws Exception {
    long seed = Long.getLong("chaos.seed", ThreadLocalRandom.current().nextLong());
    String guarantee = System.getProperty("chaos.guarantee", "exactly_once_v2");
    ChaosSize size = ChaosSize.fromSystemProperties();
    System.out.println("chaos seed " + seed + " (repeat with -Dchaos.seed=" + seed + ")");

    ChaosReport report;
    try {
      report = run(dir, size, seed, guarantee);
    } catch (SampleProducer.UndeliveredRecordsException feedFailed) {
      if (System.getProperty("chaos.seed") != null) {
        throw feedFailed; // a repeat of a given run says what happened to that run
      }
      // The broker never took part of the input (once: OUT_OF_ORDER_SEQUENCE_NUMBER after its
      // kill, until the feed's delivery timeout), so the run says nothing of the app. Once more
      // with another seed; a second such failure fails the test.
      long again = ThreadLocalRandom.current().nextLong();
      System.out.println(
          "chaos: the feed could not deliver its input ("
              + feedFailed.getMessage()
              + "): this run is void; once more with seed "
              + again);
      report = run(Files.createDirectories(dir.resolve("second-run")), size, again, guarantee);
    }

    String text = report.text();
    System.out.println(text);
    Files.writeString(Path.of("target", "chaos-report.txt"), text);
    assertEquals(0, report.total(OutputComparison.Result::missing), text);
    assertEquals(0, report.total(OutputComparison.Result::unexpected), text);
    if (guarantee.equals("exactly_once_v2")) {
      assertEquals(0, report.total(OutputComparison.Result::duplicated), text);
    }
    assertTrue(report.total(OutputComparison.Result::expected) > 0, text);
    assertTrue(report.queriesEqual(), text);
    assertEquals(0, report.phi().findings(), text);
  }

  private static ChaosReport run(Path dir, ChaosSize size, long seed, String guarantee)
      throws Exception {
    return new ChaosRun(dir, size, seed, guarantee, line -> System.out.println("chaos: " + line))
        .run();
  }
}
