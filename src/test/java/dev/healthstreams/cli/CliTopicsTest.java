package dev.healthstreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.cli.CliRunner.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `topics` without a broker: the plan it prints, and --create against nothing. */
class CliTopicsTest {
  // Kafka's default windowstore.changelog.additional.retention.ms.

  @TempDir Path dir;

  private String unreachable;

  private Path config() {
    unreachable = "127.0.0.1:" + CliRunner.unusedPort();
    String yaml =
        CliRunner.validConfig(
                unreachable, "http://127.0.0.1:" + CliRunner.unusedPort(), dir.resolve("state"))
            + """
              observation-count:
                topics:
                  observations: test.obs.in
                  counts: test.counts.out
                  dead-letter: test.count.dlq
            """;
    return CliRunner.write(dir, "config.yaml", yaml);
  }

  private static String lineOf(Result result, String topic) {
    List<String> lines = result.out().lines().filter(l -> l.startsWith(topic + " ")).toList();
    assertEquals(1, lines.size(), () -> topic + " once in\n" + result.out());
    return lines.get(0);
  }

  @Test
  void shouldListExternalTopicsWithTheirRolesAndTablesCompacted() {
    Result result = CliRunner.run("topics", "--config", config().toString());

    assertEquals(0, result.exitCode(), result::describe);
    assertTrue(lineOf(result, "test.obs.in").contains("cleanup.policy=delete"));
    assertTrue(lineOf(result, "test.patients.in").contains("cleanup.policy=compact"));
    assertTrue(lineOf(result, "test.patients.in").contains("input patients (table)"));
    assertTrue(lineOf(result, "test.alerts.out").contains("output alerts"));
    assertTrue(lineOf(result, "test.alerting.dlq").contains("dead letters"));
    assertTrue(lineOf(result, "test.obs.in").contains(" 4 partitions"));
  }

  @Test
  void shouldListInternalTopicsAsKafkaStreamsNamesThem() {
    Result result =
        CliRunner.run(
            "topics",
            "--config",
            config().toString(),
            "--topology",
            "observation-alerting",
            "--partitions",
            "6");

    assertEquals(0, result.exitCode(), result::describe);
    String app = "healthstreams-observation-alerting-";
    String repartition = lineOf(result, app + "alerts-by-patient-repartition");
    assertTrue(repartition.contains("retention.ms=-1"), repartition);
    assertTrue(repartition.contains(" 6 partitions"), repartition);
    assertTrue(lineOf(result, app + "patients-changelog").contains("cleanup.policy=compact"));
    // The gate's stores delete what expires: their changelogs are compacted, not time-retained.
    String dedup = lineOf(result, app + "alert-gate-dedup-changelog");
    assertTrue(dedup.contains("cleanup.policy=compact"), dedup);
    assertTrue(!dedup.contains("retention.ms"), dedup);
    assertTrue(dedup.contains(" 6 partitions"), dedup);
    assertTrue(!result.out().contains("observation-count"), result::describe);
  }

  /** The test-only topology: found through the registry, nothing in `topics` knows of it. */
  @Test
  void shouldCoverATopologyOnlyRegisteredInTheTests() {
    Result result =
        CliRunner.run("topics", "--config", config().toString(), "--topology", "observation-count");

    assertEquals(0, result.exitCode(), result::describe);
    assertTrue(lineOf(result, "test.counts.out").contains("cleanup.policy=compact"));
    assertTrue(lineOf(result, "test.counts.out").contains("output counts (table)"));
    String app = "healthstreams-observation-count-";
    assertTrue(lineOf(result, app + "observations-by-patient-repartition").contains("repartition"));
    assertTrue(
        lineOf(result, app + "observation-counts-changelog").contains("cleanup.policy=compact"));
  }

  @Test
  void shouldRejectAnUnknownTopologyAndBadPartitions() {
    Path config = config();
    Result unknown = CliRunner.run("topics", "--config", config.toString(), "--topology", "nope");
    Result zero = CliRunner.run("topics", "--config", config.toString(), "--partitions", "0");

    assertEquals(2, unknown.exitCode(), unknown::describe);
    assertTrue(unknown.err().contains("unknown topology 'nope'"), unknown::describe);
    assertEquals(2, zero.exitCode(), zero::describe);
    assertTrue(zero.err().contains("--partitions"), zero::describe);
  }

  @Test
  void shouldFailNamingTheAddressWhenTheClusterIsUnreachable() {
    Path config = config();
    Result result =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () -> CliRunner.run("topics", "--config", config.toString(), "--create"));

    assertEquals(1, result.exitCode(), result::describe);
    assertTrue(result.err().contains(unreachable), result::describe);
    assertTrue(result.err().contains("did not answer"), result::describe);
    CliRunner.assertNoStackTrace(result);
  }

  @Test
  void shouldListTheAclsRunNeedsAsKafkaAclsOptions() {
    // at_least_once in this config: no transactional ids.
    Result result =
        CliRunner.run(
            "topics",
            "--config",
            config().toString(),
            "--topology",
            "observation-count",
            "--acls",
            "User:hs");

    assertEquals(0, result.exitCode(), result::describe);
    String grant = "--add --allow-principal User:hs ";
    assertEquals(
        List.of(
            grant + "--operation Read --topic test.obs.in  # observation-count: input observations",
            grant
                + "--operation Write --topic test.counts.out  # observation-count: output counts (table)",
            grant + "--operation Write --topic test.count.dlq  # observation-count: dead letters",
            grant
                + "--operation Create --operation Read --operation Write --operation Delete"
                + " --operation DescribeConfigs --topic healthstreams-observation-count"
                + " --resource-pattern-type prefixed"
                + "  # observation-count: internal topics (repartition, changelog)",
            grant
                + "--operation Read --group healthstreams-observation-count"
                + " --resource-pattern-type prefixed  # observation-count: consumer group",
            grant
                + "--operation IdempotentWrite --cluster  # observation-count: idempotent producers"),
        result.out().lines().toList());
  }

  @Test
  void shouldGrantWriteOnATopicTheTopologySeedsAtStartAndTransactionsUnderExactlyOnce() {
    Path config =
        CliRunner.write(
            dir,
            "eos.yaml",
            CliRunner.validConfig("127.0.0.1:1", "http://127.0.0.1:1", dir.resolve("state"))
                    .replace("at_least_once", "exactly_once_v2")
                + """
                  medication-interaction:
                    topics:
                      medication-requests: test.rx.in
                      medications: test.meds.in
                      patients: test.patients.in
                      knowledge: test.knowledge
                      alerts: test.rx.alerts
                      dead-letter: test.rx.dlq
                """);
    Result result =
        CliRunner.run(
            "topics",
            "--config",
            config.toString(),
            "--topology",
            "medication-interaction",
            "--acls",
            "User:hs");

    assertEquals(0, result.exitCode(), result::describe);
    String knowledge =
        result
            .out()
            .lines()
            .filter(l -> l.contains("--topic test.knowledge"))
            .findFirst()
            .orElseThrow();
    assertTrue(knowledge.contains("--operation Read --operation Write"), knowledge);
    assertTrue(
        result
            .out()
            .contains(
                "--operation Write --transactional-id healthstreams-medication-interaction"
                    + " --resource-pattern-type prefixed"),
        result::describe);
  }
}
