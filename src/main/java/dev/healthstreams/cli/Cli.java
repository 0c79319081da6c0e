package dev.healthstreams.cli;

import dev.healthstreams.config.ConfigException;
import dev.healthstreams.runtime.StartupException;
import dev.healthstreams.topology.TopologyRegistry;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import picocli.CommandLine;

/** Runs a command line and maps its outcome to 0 ok, 1 runtime failure, 2 usage or config. */
public final class Cli {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  private Cli() {}

  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** With the topologies registered on the class path. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(TopologyRegistry.discover(), out, err, args);
  }

  public static int run(
      TopologyRegistry registry, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new HealthstreamsCommand(registry));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(Cli::exitCode);
    cli.setExecutionExceptionHandler(
        (error, commandLine, parseResult) -> {
          commandLine.getErr().println(message(error));
          commandLine.getErr().flush();
          return exitCode(error);
        });
    return cli.execute(args);
  }

  static int exitCode(Throwable error) {
    if (error instanceof ConfigException
        || error instanceof UsageException
        || error instanceof CommandLine.ParameterException) {
      return USAGE;
    }
    return FAILURE;
  }

  private static String message(Throwable error) {
    if (error instanceof ConfigException config) {
      return "invalid configuration:\n  " + config.getMessage().replace("\n", "\n  ");
    }
    if (error instanceof UsageException || error instanceof StartupException) {
      return "error: " + error.getMessage();
    }
    // Unexpected: the class tells the operator where to look; the message may echo data.
    return "error: " + error.getClass().getName() + safeMessage(error) + causes(error);
  }

  /** The causes' classes, innermost last: where an unexpected error came from, without data. */
  static String causes(Throwable error) {
    StringBuilder chain = new StringBuilder();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable cause = error.getCause();
        cause != null && seen.add(cause);
        cause = cause.getCause()) {
      chain.append("\n  caused by ").append(cause.getClass().getName());
    }
    return chain.toString();
  }

  private static String safeMessage(Throwable error) {
    return error.getMessage() == null
        ? ""
        : ": " + error.getMessage().lines().findFirst().orElse("");
  }
}
