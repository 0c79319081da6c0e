package dev.healthstreams.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a chaos run found, and its text as the README quotes it. */
record ChaosReport(
    long seed,
    String guarantee,
    long inputRecords,
    Map<String, Long> inputOnTopics,
    List<String> faults,
    Map<String, Map<String, OutputComparison.Result>> outputs,
    Map<String, String> queries,
    PhiMarkers.Scan phi,
    int logFiles,
    Duration took) {

  long total(java.util.function.ToLongFunction<OutputComparison.Result> figure) {
    return outputs.values().stream().flatMap(m -> m.values().stream()).mapToLong(figure).sum();
  }

  boolean queriesEqual() {
    return queries.values().stream().allMatch(r -> r.matches("([1-9][0-9]*)/\\1 equal"));
  }

  String text() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "chaos run: seed %d, %s, %d input records, %d s%n",
            seed, guarantee, inputRecords, took.toSeconds()));
    out.append("input on topics: ").append(inputOnTopics).append('\n');
    out.append("faults:\n");
    faults.forEach(f -> out.append("  ").append(f).append('\n'));
    out.append(
        String.format(
            "%-24s %-44s %9s %9s %8s %8s %10s%n",
            "topology", "output", "expected", "received", "missing", "dupl.", "unexpected"));
    outputs.forEach(
        (topology, byTopic) ->
            byTopic.forEach(
                (topic, r) ->
                    out.append(
                        String.format(
                            "%-24s %-44s %9d %9d %8d %8d %10d%n",
                            topology,
                            topic,
                            r.expected(),
                            r.received(),
                            r.missing(),
                            r.duplicated(),
                            r.unexpected()))));
    outputs.forEach(
        (topology, byTopic) ->
            byTopic.forEach(
                (topic, r) -> {
                  if (r.aMissing() != null) {
                    out.append("  e.g. missing on ")
                        .append(topic)
                        .append(": ")
                        .append(r.aMissing())
                        .append('\n');
                  }
                  if (r.anUnexpected() != null) {
                    out.append("  e.g. unexpected on ")
                        .append(topic)
                        .append(": ")
                        .append(r.anUnexpected())
                        .append('\n');
                  }
                }));
    out.append(
        "state store queries (every key, at most "
            + QueryCheck.MAX_KEYS
            + " per endpoint; every replica):\n");
    queries.forEach(
        (what, result) -> out.append("  ").append(what).append(": ").append(result).append('\n'));
    out.append(
        String.format(
            "PHI markers in logs: %d of %d lines in %d files (broker, registry, replicas)%n",
            phi.findings(), phi.lines(), logFiles));
    phi.first()
        .forEach(f -> out.append("  ").append(f.file()).append(':').append(f.line()).append('\n'));
    return out.toString();
  }
}
