package dev.healthstreams.runtime.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.topology.query.ListItem;
import java.util.ArrayList;
import java.util.List;

/**
 * One replica's part of a list: its items after the cursor in key order (at most the limit),
 * whether it has more, and which copy served them. Travels between replicas as JSON.
 */
record ReplicaPage(List<ListItem> items, boolean more, JsonNode served) {

  ObjectNode toJson() {
    ObjectNode body = QueryResponse.JSON.createObjectNode();
    body.set("items", items(items));
    body.put("more", more);
    body.set("served", served);
    return body;
  }

  static ReplicaPage fromJson(String json) {
    try {
      JsonNode body = QueryResponse.JSON.readTree(json);
      List<ListItem> items = new ArrayList<>();
      for (JsonNode item : body.path("items")) {
        items.add(new ListItem(item.path("key").asText(), item.path("value")));
      }
      return new ReplicaPage(items, body.path("more").asBoolean(), body.path("served"));
    } catch (JsonProcessingException e) {
      throw new NotReady("a replica answered a list part that is not JSON");
    }
  }

  static ArrayNode items(List<ListItem> items) {
    ArrayNode array = QueryResponse.JSON.createArrayNode();
    for (ListItem item : items) {
      array.addObject().put("key", item.key()).set("value", item.value());
    }
    return array;
  }
}
