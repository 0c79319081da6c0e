package dev.healthstreams.runtime.query;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Which replica answered ({@code host:port}), from which copy, and how many records that copy
 * trailed its changelog by: the {@code served} block of every answer.
 */
record Served(String by, Copy copy, long lag) {
  enum Copy {
    ACTIVE,
    STANDBY;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("by", by);
    node.put("copy", copy.label());
    node.put("lag", lag);
    return node;
  }
}
