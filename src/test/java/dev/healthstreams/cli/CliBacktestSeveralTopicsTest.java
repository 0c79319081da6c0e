package dev.healthstreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.topology.TopologyRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backtest of a role that reads several topics: each tail line names its topic. */
class CliBacktestSeveralTopicsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TopologyRegistry TOPOLOGIES =
      TopologyRegistry.discover().with(new SeveralSourcesTestTopology());

  @TempDir Path dir;

  @Test
  void shouldFeedEachTailLineToTheTopicItNames() throws IOException {
    Path input = lines("sources.ndjson", tail("src.b", "b-1"), tail("src.a", "a-1"));

    CliRunner.Result result = backtest(input);

    assertEquals(0, result.exitCode(), result::describe);
    List<String> written =
        Files.readAllLines(dir.resolve("out").resolve("out.ndjson")).stream()
            .map(line -> read(line).path("key").asText() + " " + read(line).path("value").asText())
            .toList();
    assertEquals(List.of("b-1 from src.b", "a-1 from src.a"), written);
  }

  @Test
  void shouldRefuseALineForATopicTheRoleDoesNotReadNamingTheFileAndRecord() {
    Path input = lines("sources.ndjson", tail("src.a", "a-1"), tail("src.other", "o-1"));

    CliRunner.Result result = backtest(input);

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains(input + " record 2"), result::describe);
    assertTrue(result.err().contains("'src.other'"), result::describe);
    assertFalse(result.err().contains("o-1"), "no record content in the message");
    CliRunner.assertNoStackTrace(result);
  }

  private CliRunner.Result backtest(Path input) {
    Path config =
        CliRunner.write(
            dir,
            "config.yaml",
            """
            kafka: {bootstrap-servers: "localhost:9092", schema-registry-url: "mock://several"}
            app: {state-dir: %s}
            topologies:
              several-sources-test:
                topics: {sources: [src.a, src.b], out: out, dead-letter: several.dlq}
            """
                .formatted(dir.resolve("state")));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Cli.run(
            TOPOLOGIES,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "backtest",
            "--config",
            config.toString(),
            "--topology",
            SeveralSourcesTestTopology.NAME,
            "--input",
            "sources=" + input,
            "--output-dir",
            dir.resolve("out").toString());
    return new CliRunner.Result(code, out.toString(), err.toString());
  }

  private Path lines(String name, String... lines) {
    return CliRunner.write(dir, name, String.join("\n", lines) + "\n");
  }

  private static String tail(String topic, String key) {
    return "{\"topic\":\"" + topic + "\",\"key\":\"" + key + "\",\"value\":{\"n\":1}}";
  }

  private static JsonNode read(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new AssertionError("not JSON", e);
    }
  }
}
