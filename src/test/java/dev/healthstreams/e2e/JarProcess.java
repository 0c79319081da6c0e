package dev.healthstreams.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The shaded jar run as a user (or the container) runs it: its own JVM, output to files. */
public final class JarProcess implements AutoCloseable {
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private JarProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  public static Path jar() {
    Path jar = Path.of(System.getProperty("healthstreams.jar", "target/healthstreams.jar"));
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: integration tests run after `package`");
    }
    return jar.toAbsolutePath();
  }

  static JarProcess start(Path workDir, Map<String, String> env, String... args)
      throws IOException {
    return start(workDir, env, List.of(), args);
  }

  /** With extra JVM options (system properties such as another logback configuration). */
  public static JarProcess start(
      Path workDir, Map<String, String> env, List<String> jvmOptions, String... args)
      throws IOException {
    return launch(workDir, env, javaCommand(jvmOptions, args), args);
  }

  /**
   * The jar run under a pseudo-terminal, as in a terminal window: util-linux {@code script -qfec
   * CMD /dev/null} gives it a pty for stdin and stdout and copies what it prints to ours.
   */
  static JarProcess startUnderTerminal(Path workDir, Map<String, String> env, String... args)
      throws IOException {
    String shellCommand =
        javaCommand(List.of(), args).stream()
            .map(arg -> "'" + arg.replace("'", "'\\''") + "'")
            .collect(java.util.stream.Collectors.joining(" "));
    return launch(workDir, env, List.of("script", "-qfec", shellCommand, "/dev/null"), args);
  }

  /** Whether util-linux {@code script} runs here (Debian and Ubuntu have it). */
  static boolean scriptAvailable() {
    try {
      Process p = new ProcessBuilder("script", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static List<String> javaCommand(List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx768m");
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    return command;
  }

  private static JarProcess launch(
      Path workDir, Map<String, String> env, List<String> command, String... args)
      throws IOException {
    Files.createDirectories(workDir);
    String name = args.length == 0 ? "noargs" : args[0];
    Path out = Files.createTempFile(workDir, name + "-", ".out");
    Path err = Files.createTempFile(workDir, name + "-", ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().putAll(env);
    return new JarProcess(builder.start(), out, err);
  }

  public String stdout() throws IOException {
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  public String stderr() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  public Path stdoutFile() {
    return stdout;
  }

  public Path stderrFile() {
    return stderr;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the exit and returns its code; fails the test if it does not end in time. */
  public int awaitExit(Duration timeout) throws Exception {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          "process still running after " + timeout + "; stderr:\n" + tail(stderr()));
    }
    return process.exitValue();
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL ({@code kill -9}): no shutdown hook, no commit, no flush; waits until it is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM, as `docker stop` or Kubernetes sends it. */
  public void terminate() {
    process.destroy();
  }

  /** SIGTERM to the JVM itself, also when it runs under {@code script}: Ctrl-C's way to stop. */
  void terminateJvm() {
    process
        .descendants()
        .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
        .forEach(ProcessHandle::destroy);
    if (process.info().command().map(c -> c.endsWith("/java")).orElse(false)) {
      process.destroy();
    }
  }

  public static String tail(String text) {
    return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
