package dev.healthstreams.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The addresses of a running embedded broker and registry, written to a shell-sourceable file so a
 * second process ({@code tail}, {@code replay}, or a shell) can reach them.
 */
public record EmbeddedEnv(String bootstrapServers, String schemaRegistryUrl) {

  static final String BOOTSTRAP_KEY = "KAFKA_BOOTSTRAP_SERVERS";
  static final String REGISTRY_KEY = "SCHEMA_REGISTRY_URL";

  /** Characters a shell takes literally outside quotes; anything else is single-quoted. */
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9._:/,@%+=-]*");

  public EmbeddedEnv {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
  }

  /** The file a {@code run --embedded} in the current directory writes. */
  public static Path defaultFile() {
    return Path.of(".healthstreams", "embedded.env");
  }

  /** Writes the file atomically (readers never see half of it), creating parent directories. */
  public void write(Path file) {
    String content =
        BOOTSTRAP_KEY
            + "="
            + shellQuote(bootstrapServers)
            + "\n"
            + REGISTRY_KEY
            + "="
            + shellQuote(schemaRegistryUrl)
            + "\n";
    Path absolute = file.toAbsolutePath();
    try {
      Files.createDirectories(absolute.getParent());
      Path tmp = Files.createTempFile(absolute.getParent(), absolute.getFileName() + ".", ".tmp");
      try {
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(
            tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + file, e);
    }
  }

  /** The addresses in file, or empty when the file or one of its two keys is missing. */
  public static Optional<EmbeddedEnv> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file, e);
    }
    Map<String, String> values = new HashMap<>();
    for (String line : lines) {
      int equals = line.indexOf('=');
      if (equals > 0 && !line.startsWith("#")) {
        values.put(line.substring(0, equals).trim(), shellUnquote(line.substring(equals + 1)));
      }
    }
    String bootstrap = values.get(BOOTSTRAP_KEY);
    String registry = values.get(REGISTRY_KEY);
    if (bootstrap == null || registry == null) {
      return Optional.empty();
    }
    return Optional.of(new EmbeddedEnv(bootstrap, registry));
  }

  private static String shellQuote(String value) {
    if (SHELL_SAFE.matcher(value).matches() && !value.isEmpty()) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }

  private static String shellUnquote(String raw) {
    String value = raw.trim();
    if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
      return value.substring(1, value.length() - 1).replace("'\\''", "'");
    }
    return value;
  }
}
