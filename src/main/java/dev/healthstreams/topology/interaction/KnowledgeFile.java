package dev.healthstreams.topology.interaction;

import dev.healthstreams.config.ConfigError;
import dev.healthstreams.config.ConfigException;
import dev.healthstreams.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads the interaction knowledge file: groups of drugs by RxNorm code, and the interactions
 * between groups. Read with the config machinery, so a bad file reports every problem at once.
 *
 * <p>Failures are {@link ConfigException}s. Errors inside the file carry their path in it ({@code
 * interactions[3].severity}) and line; an unreadable file or invalid YAML gives one error whose
 * path is the location itself.
 */
public final class KnowledgeFile {

  public static final String CLASSPATH_PREFIX = "classpath:";
  public static final String DEFAULT_LOCATION = "classpath:/knowledge/interactions.yaml";

  // The name ConfigLoader.readSettings gives errors about the document as a whole.
  private static final String DOCUMENT = "settings";

  private KnowledgeFile() {}

  /** Loads {@code location}: "classpath:/path/in/jar.yaml" or a file path. */
  public static KnowledgeBase load(String location) {
    String yaml = read(location);
    try {
      return parse(yaml);
    } catch (ConfigException e) {
      List<ConfigError> errors = new ArrayList<>();
      for (ConfigError error : e.errors()) {
        boolean wholeDocument = error.path().equals(DOCUMENT);
        errors.add(
            wholeDocument ? new ConfigError(location, error.line(), error.message()) : error);
      }
      throw new ConfigException(errors);
    }
  }

  /** Parses and validates a knowledge file's text. No ${ENV} is set: the file holds no secrets. */
  public static KnowledgeBase parse(String yaml) {
    return ConfigLoader.readSettings(yaml, new KnowledgeFileReader(), Map.of());
  }

  private static String read(String location) {
    if (location == null || location.isBlank()) {
      throw unreadable(String.valueOf(location), "no knowledge file given");
    }
    if (location.startsWith(CLASSPATH_PREFIX)) {
      return readResource(location);
    }
    try {
      return Files.readString(Path.of(location), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw unreadable(location, "knowledge file not found");
    } catch (AccessDeniedException e) {
      throw unreadable(location, "knowledge file cannot be read: permission denied");
    } catch (CharacterCodingException e) {
      throw unreadable(location, "knowledge file is not valid UTF-8");
    } catch (InvalidPathException e) {
      throw unreadable(location, "is not a valid file path");
    } catch (IOException e) {
      throw unreadable(
          location, "knowledge file cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String readResource(String location) {
    String resource = location.substring(CLASSPATH_PREFIX.length());
    // Class.getResourceAsStream resolves a name without a leading '/' against this package.
    String absolute = resource.startsWith("/") ? resource : "/" + resource;
    try (InputStream in = KnowledgeFile.class.getResourceAsStream(absolute)) {
      if (in == null) {
        throw unreadable(location, "knowledge file not found on the classpath");
      }
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(in.readAllBytes()))
          .toString();
    } catch (CharacterCodingException e) {
      throw unreadable(location, "knowledge file is not valid UTF-8");
    } catch (IOException e) {
      throw unreadable(
          location, "knowledge file cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static ConfigException unreadable(String location, String message) {
    return new ConfigException(List.of(new ConfigError(location, 0, message)));
  }
}
