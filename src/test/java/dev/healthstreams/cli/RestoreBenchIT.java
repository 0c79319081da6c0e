package dev.healthstreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.cli.CliRunner.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small {@code bench --restore} on the embedded broker: medication-interaction's patient state,
 * 2,000 entries, restored cold, then failed over to a standby that restores none of it.
 */
class RestoreBenchIT {
  private static final int ENTRIES = 2_000;

  @Test
  void shouldRestoreEveryEntryColdAndNoneWhenFailingOverToACaughtUpStandby(@TempDir Path dir)
      throws Exception {
    Path outputDir = dir.resolve("bench");
    Result result =
        CliRunner.run(
            "bench",
            "--restore",
            "--restore-entries",
            String.valueOf(ENTRIES),
            "--output-dir",
            outputDir.toString());

    assertEquals(0, result.exitCode(), result::describe);
    assertTrue(result.out().contains("## Restore"), result::describe);
    JsonNode report = new ObjectMapper().readTree(outputDir.resolve("restore.json").toFile());
    assertEquals("medication-interaction", report.get("topology").asText());
    assertEquals("active-medications", report.get("store").asText());
    long seeded = report.get("seed_entries").asLong();
    // 10 of the 12 sample patients have an active or on-hold MedicationRequest.
    assertEquals(10, seeded, report::toString);
    assertEquals(ENTRIES - seeded, report.get("fill").get("records").asLong());

    JsonNode cold = report.get("cold");
    assertEquals(ENTRIES, cold.get("store_entries").asLong(), cold::toString);
    // Every entry has at least one changelog record, and nothing past the changelog's end.
    long restored = cold.get("restored_records").asLong();
    assertTrue(restored >= ENTRIES, cold::toString);
    assertTrue(restored <= report.get("changelog_records").asLong(), report::toString);

    JsonNode failover = report.get("failover");
    assertEquals(ENTRIES, failover.get("store_entries").asLong(), failover::toString);
    assertEquals(0, failover.get("restored_records").asLong(), failover::toString);
  }
}
