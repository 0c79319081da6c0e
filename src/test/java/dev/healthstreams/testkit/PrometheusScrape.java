package dev.healthstreams.testkit;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading a Prometheus text exposition (what /metrics serves), for tests. */
public final class PrometheusScrape {
  private PrometheusScrape() {}

  /**
   * The value of the sample of {@code name} that carries every one of {@code labels} (each written
   * as in the exposition: {@code topology="x"}); fails when there is none.
   */
  public static double value(String scrape, String name, String... labels) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{(.*)\\} (\\S+)$").matcher(scrape);
    while (m.find()) {
      if (List.of(m.group(1).split(",")).containsAll(List.of(labels))) {
        return Double.parseDouble(m.group(2));
      }
    }
    throw new AssertionError("no " + name + " with " + List.of(labels) + " in\n" + scrape);
  }

  /**
   * The names of the samples exported: a histogram's {@code _bucket}, {@code _sum} and {@code
   * _count}, a counter's {@code _total}, as PromQL selects them. A family with no sample is not
   * exported.
   */
  public static Set<String> sampleNames(String scrape) {
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]").matcher(scrape);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
