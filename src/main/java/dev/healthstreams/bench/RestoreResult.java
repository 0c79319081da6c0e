package dev.healthstreams.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code bench --restore} measured: one store's changelog filled, then a cold start and a
 * failover to a standby, each timed until the replica that must serve the store is ready. Written
 * as {@code restore.json}; {@link #markdown()} is the section BENCHMARKS.md carries.
 *
 * @param changelogRecords the sum of the changelog's end offsets: its records, and under
 *     exactly-once the seed run's transaction markers
 */
public record RestoreResult(
    @JsonProperty("machine") Machine machine,
    @JsonProperty("command") String command,
    @JsonProperty("started") String started,
    @JsonProperty("topology") String topology,
    @JsonProperty("store") String store,
    @JsonProperty("seed_entries") long seedEntries,
    @JsonProperty("fill") Fill fill,
    @JsonProperty("changelog_records") long changelogRecords,
    @JsonProperty("cold") Phase cold,
    @JsonProperty("standby_catch_up") Phase standbyCatchUp,
    @JsonProperty("failover") Phase failover) {

  /**
   * @param records entries written to the changelog by the bench
   * @param bytes their keys and values
   */
  public record Fill(
      @JsonProperty("records") long records,
      @JsonProperty("bytes") long bytes,
      @JsonProperty("seconds") double seconds) {}

  /**
   * @param seconds from the start (cold: starting the replica; catch-up: starting the second;
   *     failover: stopping the active one) until the replica was ready (catch-up: until its standby
   *     had no lag)
   * @param restoredRecords records of the store restored from the changelog in that time (a
   *     standby's updates are not restores)
   * @param restoredAllStores the same over every store of the topology, global ones included
   * @param storeEntries entries (distinct keys) the replica's active copies of the store hold after
   *     the phase, read with the store's serde; -1 when not counted (a replica with standbys only)
   */
  public record Phase(
      @JsonProperty("seconds") double seconds,
      @JsonProperty("restored_records") long restoredRecords,
      @JsonProperty("restored_records_all_stores") long restoredAllStores,
      @JsonProperty("store_entries") long storeEntries) {
    long restoredPerSecond() {
      return seconds <= 0 ? 0 : Math.round(restoredRecords / seconds);
    }
  }

  public void write(Path dir) {
    try {
      Files.createDirectories(dir);
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(dir.resolve("restore.json").toFile(), this);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write restore.json to " + dir, e);
    }
  }

  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("## Restore\n\n");
    md.append(machine.describe(started));
    md.append("```bash\n").append(command).append("\n```\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "%s, store `%s`: %,d entries (%,d written by the topology from the sample, %,d copies"
                + " of them written to the changelog: %,.1f MiB of keys and values in %.1f s),"
                + " the changelog's end offsets add up to %,d (records and transaction markers).%n%n",
            topology,
            store,
            seedEntries + fill.records(),
            seedEntries,
            fill.records(),
            fill.bytes() / (1024.0 * 1024),
            fill.seconds(),
            changelogRecords));
    md.append(
        "| phase | seconds | store records restored | restored/s | all stores restored |"
            + " store entries after |\n");
    md.append("|---|---:|---:|---:|---:|---:|\n");
    row(md, "cold start, empty state dir, until /health/ready", cold);
    row(md, "standby catching up (second replica, until no lag)", standbyCatchUp);
    row(md, "failover: active stopped, until the standby's replica is ready", failover);
    return md.toString();
  }

  private static void row(StringBuilder md, String phase, Phase p) {
    md.append(
        String.format(
            Locale.ROOT,
            "| %s | %.1f | %,d | %,d | %,d | %s |%n",
            phase,
            p.seconds(),
            p.restoredRecords(),
            p.restoredPerSecond(),
            p.restoredAllStores(),
            p.storeEntries() < 0 ? "–" : String.format(Locale.ROOT, "%,d", p.storeEntries())));
  }
}
