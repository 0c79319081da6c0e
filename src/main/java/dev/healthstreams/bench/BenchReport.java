package dev.healthstreams.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * {@code bench.json} and {@code BENCHMARKS.md}: the same figures, for machines and for people.
 * {@code results} holds the median of the runs per figure, {@code spread} the range of the figures
 * that vary most, and {@code per_run} every run as measured; the markdown prints every figure with
 * the range of its runs.
 */
public record BenchReport(
    @JsonProperty("machine") Machine machine,
    @JsonProperty("command") String command,
    @JsonProperty("started") String started,
    @JsonProperty("results") List<BenchResult> results,
    @JsonProperty("spread") List<BenchSpread> spread,
    @JsonProperty("per_run") List<List<BenchResult>> perRun) {

  /** The report of one or more runs of the same topologies. */
  public static BenchReport of(
      Machine machine, String command, String started, List<List<BenchResult>> runs) {
    RunSummary summary = new RunSummary(runs);
    return new BenchReport(
        machine, command, started, summary.medians(), summary.spreads(), List.copyOf(runs));
  }

  public void write(Path dir) {
    try {
      Files.createDirectories(dir);
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(dir.resolve("bench.json").toFile(), this);
      Files.writeString(dir.resolve("BENCHMARKS.md"), markdown(), StandardCharsets.UTF_8);
      LatencyChart.write(dir.resolve(LatencyChart.FILE), results);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + dir, e);
    }
  }

  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n");
    md.append(machine.describe(started));
    md.append("```bash\n").append(command).append("\n```\n\n");
    if (perRun.size() > 1) {
      md.append(
          String.format(
              Locale.ROOT,
              "Median of %d runs, figure by figure; the range of the runs in brackets.%n%n",
              perRun.size()));
    }
    md.append(
        "| topology | input records | records/s | ratio to pass-through | ratio to read-only |"
            + " p50 ms | p95 ms | p99 ms | offered/s | latency samples | peak heap MiB | RSS MiB"
            + " |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (BenchResult r : results) {
      String name = r.topology();
      boolean timed = !r.latencyCurve().isEmpty();
      md.append(
          String.join(
                  " | ",
                  "| " + name,
                  figure(name, r.inputRecords(), BenchResult::inputRecords, "%,d"),
                  figure(name, r.recordsPerSecond(), BenchResult::recordsPerSecond, "%,d"),
                  ratio(name, r.ratioToPassthrough(), BenchResult::ratioToPassthrough),
                  ratio(name, r.ratioToReadOnly(), BenchResult::ratioToReadOnly),
                  timed ? figure(name, r.p50Ms(), BenchResult::p50Ms, "%d") : "–",
                  timed ? figure(name, r.p95Ms(), BenchResult::p95Ms, "%d") : "–",
                  timed ? figure(name, r.p99Ms(), BenchResult::p99Ms, "%d") : "–",
                  timed
                      ? figure(
                          name,
                          r.latencyOfferedPerSecond(),
                          BenchResult::latencyOfferedPerSecond,
                          "%,d")
                      : "–",
                  timed
                      ? figure(name, r.latencySamples(), BenchResult::latencySamples, "%,d")
                      : "–",
                  figure(name, r.peakHeapMb(), BenchResult::peakHeapMb, "%d"),
                  figure(name, r.rssMb(), BenchResult::rssMb, "%d"))
              + " |\n");
    }
    md.append(
        "\nThe ceilings: `passthrough` writes one small record per Observation it reads;"
            + " `read-only` reads and parses the same and writes nothing, the honest ceiling of a"
            + " topology that writes a small share of what it reads (observation-alerting)."
            + " records/s: input records pre-loaded, then timed from resuming the topology until its"
            + " consumer group has committed them all (exactly_once_v2, so their outputs are"
            + " committed too). Latency: record timestamp (set when the loader sends) to arrival"
            + " on the output topic for a read_committed consumer, at the curve's half-load point"
            + " (`offered/s`; see Latency against load); only records that produce an output are"
            + " samples. Heap and RSS are of the whole process, embedded broker included.\n");
    latencyCurve(md);
    streamsSettings(md);
    queries(md);
    return md.toString();
  }

  /** Each topology's latency at each offered load, with the runs' range, and the plot. */
  private void latencyCurve(StringBuilder md) {
    md.append("\n## Latency against load\n\n");
    md.append(
        "| topology | records/s sustained with the loader running | load | offered/s | samples | p50 ms |"
            + " p99 ms | p99.9 ms | loader cores |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (BenchResult r : results) {
      String name = r.topology();
      for (int p = 0; p < r.latencyCurve().size(); p++) {
        LoadPoint point = r.latencyCurve().get(p);
        int at = p;
        md.append(
            String.join(
                    " | ",
                    "| " + name,
                    p == 0
                        ? figure(
                                name,
                                r.sustainedWithLoaderPerSecond(),
                                BenchResult::sustainedWithLoaderPerSecond,
                                "%,d")
                            + ", the loader on "
                            + decimal(
                                name, r.probeLoaderCores(), BenchResult::probeLoaderCores, "%.2f")
                            + " cores"
                        : "",
                    String.format(Locale.ROOT, "%.0f %%", point.share() * 100),
                    pointFigure(
                        name, at, point.offeredPerSecond(), LoadPoint::offeredPerSecond, "%,d"),
                    pointFigure(name, at, point.samples(), LoadPoint::samples, "%,d"),
                    pointFigure(name, at, point.p50Ms(), LoadPoint::p50Ms, "%d"),
                    pointFigure(name, at, point.p99Ms(), LoadPoint::p99Ms, "%d"),
                    pointFigure(name, at, point.p999Ms(), LoadPoint::p999Ms, "%d"),
                    decimal(
                        name,
                        point.loaderCores(),
                        run -> run.latencyCurve().get(at).loaderCores(),
                        "%.2f"))
                + " |\n");
      }
    }
    md.append("\n");
    for (BenchResult r : results) {
      if (r.latencyCurve().isEmpty()) {
        continue; // the read-only ceiling writes nothing to time
      }
      double highest = r.highestShareWithinTarget();
      md.append(
          String.format(
              Locale.ROOT,
              "- %s: p99 within %d ms up to %s.%n",
              r.topology(),
              r.latencyTargetMs(),
              highest == 0
                  ? "no load measured (even the lowest missed)"
                  : String.format(
                      Locale.ROOT,
                      "%.0f %% load (%,d/s offered)",
                      highest * 100,
                      Math.round(highest * r.sustainedWithLoaderPerSecond()))));
    }
    md.append("\n![p99 against offered load](")
        .append(LatencyChart.FILE)
        .append(")\n\n")
        .append(
            "Loads are shares of the rate each topology sustained while the loader ran on the"
                + " same cores (a closed-loop probe in the same run: the loader sending as fast as"
                + " it can, timed until the group committed the last record), not of the"
                + " pre-loaded rate above; each load has copies of its own, its first seconds not"
                + " counted. The median over the runs, figure by figure, with their range. Loader"
                + " cores: the CPU time of the loader's threads (the one sending and the producer's"
                + " network thread) over its sending time, taken from the topology on the same"
                + " machine.\n");
  }

  /**
   * The Kafka Streams settings a topology's own block gave it, or what a {@link BenchPeer} ran
   * with, so figures carry their setup.
   */
  private void streamsSettings(StringBuilder md) {
    for (BenchResult r : results) {
      String engine = r.streams().get(BenchPeer.ENGINE);
      if (engine != null) {
        md.append("\n")
            .append(r.topology())
            .append(" ran on ")
            .append(engine)
            .append(" with: ")
            .append(
                String.join(
                    ", ",
                    r.streams().entrySet().stream()
                        .filter(e -> !e.getKey().equals(BenchPeer.ENGINE))
                        .map(e -> "`" + e.getKey() + "=" + e.getValue() + "`")
                        .toList()))
            .append(".\n");
      } else if (!r.streams().isEmpty()) {
        md.append("\n")
            .append(r.topology())
            .append(" ran with its own Kafka Streams settings: ")
            .append(
                String.join(
                    ", ",
                    r.streams().entrySet().stream()
                        .map(e -> "`" + e.getKey() + "=" + e.getValue() + "`")
                        .toList()))
            .append(".\n");
      }
    }
  }

  /** The timed HTTP queries of the topologies that declare some (the first run's). */
  private void queries(StringBuilder md) {
    if (results.stream().allMatch(r -> r.queries().isEmpty())) {
      return;
    }
    md.append("\n## Queries\n\n");
    md.append("| topology | query | answered | replicas | answers | p50 ms | p99 ms |\n");
    md.append("|---|---|---|---:|---:|---:|---:|\n");
    for (BenchResult r : results) {
      for (QueryLatency q : r.queries()) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | `%s` | %s | %d | %,d | %.2f | %.2f |%n",
                r.topology(),
                q.query(),
                q.path(),
                q.replicas(),
                q.count(),
                q.p50Micros() / 1000.0,
                q.p99Micros() / 1000.0));
      }
    }
    md.append(
        "\nOne request at a time from a client of the first replica, after the stream phases,"
            + " over keys of the records the throughput phase fed: first with the topology on that"
            + " replica alone, then with a second replica in the same process, which owns about"
            + " half the keys; a lookup of one of those is forwarded to it. Lists are asked of"
            + " every replica.\n");
  }

  /** A figure with " (min–max)" of its runs when they differ. */
  private String figure(
      String topology, long value, ToLongFunction<BenchResult> of, String format) {
    long[] runs = runsOf(topology).stream().mapToLong(of).sorted().toArray();
    return String.format(Locale.ROOT, format, value)
        + range(runs[0], runs[runs.length - 1], format);
  }

  private String decimal(
      String topology, double value, ToDoubleFunction<BenchResult> of, String format) {
    double[] runs = runsOf(topology).stream().mapToDouble(of).sorted().toArray();
    return String.format(Locale.ROOT, format, value)
        + range(runs[0], runs[runs.length - 1], format);
  }

  private String ratio(String topology, double value, ToDoubleFunction<BenchResult> of) {
    return decimal(topology, value, of, "%.2f");
  }

  private String pointFigure(
      String topology, int point, long value, ToLongFunction<LoadPoint> of, String format) {
    return figure(topology, value, run -> of.applyAsLong(run.latencyCurve().get(point)), format);
  }

  /** The topology's result in every run (each run measures every topology). */
  private List<BenchResult> runsOf(String topology) {
    return perRun.stream()
        .flatMap(List::stream)
        .filter(r -> r.topology().equals(topology))
        .toList();
  }

  /** " (min–max)" when the runs differ, else nothing. */
  private static String range(Object min, Object max, String format) {
    String low = String.format(Locale.ROOT, format, min);
    String high = String.format(Locale.ROOT, format, max);
    return low.equals(high) ? "" : " (" + low + "–" + high + ")";
  }
}
