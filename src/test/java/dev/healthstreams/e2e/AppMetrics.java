package dev.healthstreams.e2e;

import dev.healthstreams.testkit.Await;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the app's own Prometheus counters, to wait on what it has done. */
final class AppMetrics {
  private AppMetrics() {}

  /**
   * Waits until every firing has passed the alert gate (written, or dropped for {@code dropReason})
   * and returns how many were written. How many a run suppresses depends on arrival order, so the
   * count comes from the run; the oracle then checks the outcome is one suppression allows.
   */
  static int awaitEveryFiringGated(String baseUrl, int firings, String dropReason)
      throws Exception {
    double[] written = {0};
    Await.until(
        firings + " firings through the gate",
        Duration.ofSeconds(180),
        () -> {
          String scrape = Http.get(baseUrl + "/metrics").body();
          written[0] = sum(scrape, "healthstreams_alerts_total");
          String reason = "reason=\"" + dropReason + "\"";
          return written[0] + metric(scrape, "healthstreams_alerts_dropped_total", reason)
              >= firings;
        });
    return (int) written[0];
  }

  /** The value of the first sample of {@code name} whose labels contain {@code label}. */
  static double metric(String scrape, String name, String label) {
    Matcher m = sample(name).matcher(scrape);
    while (m.find()) {
      if (m.group(1).contains(label)) {
        return Double.parseDouble(m.group(2));
      }
    }
    return 0;
  }

  static double sum(String scrape, String name) {
    double total = 0;
    Matcher m = sample(name).matcher(scrape);
    while (m.find()) {
      total += Double.parseDouble(m.group(2));
    }
    return total;
  }

  private static Pattern sample(String name) {
    return Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)$");
  }
}
