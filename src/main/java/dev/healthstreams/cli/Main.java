package dev.healthstreams.cli;

/** The only place that exits the JVM. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(Cli.run(args));
  }
}
