package dev.healthstreams.runtime.query;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A path such as {@code /medication-interaction/patients/{id}/active-medications}: literal segments
 * match themselves, a {@code {name}} segment matches any one non-empty segment.
 */
final class PathTemplate {
  private final String template;
  private final List<String> segments;

  PathTemplate(String template) {
    if (!template.startsWith("/")) {
      throw new IllegalArgumentException("a path template starts with '/': " + template);
    }
    this.template = template;
    this.segments = split(template);
    for (String segment : segments) {
      if (segment.isEmpty() || (isParam(segment) && segment.length() < 3)) {
        throw new IllegalArgumentException("empty segment or parameter name in " + template);
      }
    }
  }

  String template() {
    return template;
  }

  /** How many literal segments: the more, the more specific when two templates match. */
  int literals() {
    return (int) segments.stream().filter(s -> !isParam(s)).count();
  }

  /** The parameters, decoded, when {@code rawPath} (still percent-encoded) matches. */
  Optional<Map<String, String>> match(String rawPath) {
    List<String> parts = split(rawPath);
    if (parts.size() != segments.size()) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      String segment = segments.get(i);
      String part = decode(parts.get(i));
      if (isParam(segment)) {
        if (part.isEmpty()) {
          return Optional.empty();
        }
        params.put(segment.substring(1, segment.length() - 1), part);
      } else if (!segment.equals(part)) {
        return Optional.empty();
      }
    }
    return Optional.of(params);
  }

  private static boolean isParam(String segment) {
    return segment.startsWith("{") && segment.endsWith("}");
  }

  // A trailing slash is ignored; "/a//b" keeps its empty segment, so it matches nothing.
  private static List<String> split(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return List.of(trimmed.split("/", -1));
  }

  // '+' is a literal plus in a path (only form-encoded query strings use it for a space).
  private static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return template;
  }
}
