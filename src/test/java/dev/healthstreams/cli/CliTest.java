package dev.healthstreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.cli.CliRunner.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Exit codes and messages of the command line itself: help, missing and unknown commands. */
class CliTest {
  private static final String[] COMMANDS = {
    "run", "demo", "list", "describe", "validate", "replay", "tail", "backtest"
  };

  @Test
  void shouldExitWithUsageErrorWhenNoCommandIsGiven() {
    Result result = CliRunner.run();

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("a command is required"), result::describe);
    CliRunner.assertNoStackTrace(result);
  }

  @Test
  void shouldPrintUsageListingEveryCommandOnHelp() {
    Result result = CliRunner.run("--help");

    assertEquals(0, result.exitCode(), result::describe);
    assertTrue(result.out().contains("Usage: healthstreams"), result::describe);
    for (String command : COMMANDS) {
      assertTrue(result.out().contains(command), () -> command + " missing\n" + result.describe());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"run", "demo", "list", "describe", "validate", "replay", "tail", "backtest"})
  void shouldPrintCommandUsageOnCommandHelp(String command) {
    Result result = CliRunner.run(command, "--help");

    assertEquals(0, result.exitCode(), result::describe);
    assertTrue(result.out().contains("Usage: healthstreams " + command), result::describe);
    assertTrue(result.out().contains("--help"), result::describe);
  }

  @Test
  void shouldExitWithUsageErrorOnUnknownCommand() {
    Result result = CliRunner.run("frobnicate");

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("frobnicate"), result::describe);
    CliRunner.assertNoStackTrace(result);
  }

  @Test
  void shouldExitWithUsageErrorOnUnknownTopLevelOption() {
    Result result = CliRunner.run("--frobnicate");

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("--frobnicate"), result::describe);
  }

  /** Each command with its required arguments, so that only the unknown option is wrong. */
  static Stream<List<String>> commandsWithRequiredArguments() {
    return Stream.of(
        List.of("run", "--topology", "observation-alerting"),
        List.of("demo"),
        List.of("list"),
        List.of("describe", "observation-alerting"),
        List.of("validate"),
        List.of("replay", "--topic", "t", "file.ndjson"),
        List.of("tail", "t"),
        List.of(
            "backtest",
            "--topology",
            "observation-alerting",
            "--input",
            "observations=x.ndjson",
            "--output-dir",
            "out"));
  }

  @ParameterizedTest
  @MethodSource("commandsWithRequiredArguments")
  void shouldExitWithUsageErrorOnUnknownCommandOption(List<String> command) {
    List<String> args = new ArrayList<>(command);
    args.add("--no-such-option");

    Result result = CliRunner.run(args.toArray(String[]::new));

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("Unknown option: '--no-such-option'"), result::describe);
    assertTrue(result.err().contains("Usage: healthstreams " + command.get(0)), result::describe);
    assertEquals("", result.out(), result::describe);
  }

  @Test
  void shouldPrintVersion() {
    Result result = CliRunner.run("--version");

    assertEquals(0, result.exitCode(), result::describe);
    assertTrue(result.out().startsWith("healthstreams "), result::describe);
  }

  /** An unexpected error names its causes' classes, not their messages, which may echo data. */
  @Test
  void shouldNameTheCausesOfAnUnexpectedErrorWithoutTheirMessages() {
    Throwable error =
        new IllegalStateException(
            "closing failed",
            new java.util.concurrent.ExecutionException(
                new java.util.concurrent.TimeoutException("payload Ada Lovelace")));

    assertEquals(
        "\n  caused by java.util.concurrent.ExecutionException"
            + "\n  caused by java.util.concurrent.TimeoutException",
        Cli.causes(error));
    assertEquals("", Cli.causes(new IllegalStateException("alone")));
  }
}
