package dev.healthstreams.e2e;

import dev.healthstreams.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;

/** A CLI command run in this JVM, with what it printed. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  CliRun assertOk() {
    if (exitCode != 0) {
      throw new AssertionError("exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err);
    }
    return this;
  }
}
