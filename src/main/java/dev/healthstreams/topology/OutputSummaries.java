package dev.healthstreams.topology;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** Helpers for a topology's one-line demo summary of an output record. */
public final class OutputSummaries {
  private OutputSummaries() {}

  /** "HIGH heart-rate-high patient=ID detail": the columns every summary shares. */
  public static String line(String severity, String id, String patient, String detail) {
    return String.format("%-9s %-24s patient=%s %s", severity, id, patient, detail).stripTrailing();
  }

  /** A field as text, "-" when absent or null. */
  public static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? "-" : value.asText();
  }

  /**
   * For a topology that says nothing better: its top-level id fields (names ending in "Id") and
   * short code-like fields (status, kind, severity). Never names or free text.
   */
  public static String generic(JsonNode value) {
    if (value == null || !value.isObject()) {
      return "";
    }
    StringBuilder line = new StringBuilder();
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      boolean codeLike =
          name.endsWith("Id")
              || name.equals("status")
              || name.equals("kind")
              || name.equals("severity");
      if (codeLike && field.getValue().isValueNode() && !field.getValue().isNull()) {
        line.append(line.isEmpty() ? "" : " ")
            .append(name)
            .append('=')
            .append(field.getValue().asText());
      }
    }
    return line.toString();
  }
}
