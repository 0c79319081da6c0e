package dev.healthstreams.topology.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthstreams.errors.BadRecordException;
import java.util.Locale;

/** A data steward's decision about two source records; never overridden by automatic matching. */
public record LinkCommand(Kind command, SourceKey sourceA, SourceKey sourceB) {

  public enum Kind {
    LINK,
    UNLINK,
    NOT_A_MATCH
  }

  /** Reads {@code {command: link|unlink|not-a-match, sourceA, sourceB}}. */
  public static LinkCommand read(JsonNode json) {
    String command = json.path("command").asText("");
    Kind kind =
        switch (command.toLowerCase(Locale.ROOT)) {
          case "link" -> Kind.LINK;
          case "unlink" -> Kind.UNLINK;
          case "not-a-match" -> Kind.NOT_A_MATCH;
          default -> throw new BadRecordException("bad-command", "unknown link command");
        };
    SourceKey a = SourceKey.parse(json.path("sourceA").asText(null));
    SourceKey b = SourceKey.parse(json.path("sourceB").asText(null));
    if (a.equals(b)) {
      throw new BadRecordException("bad-command", "a link command names two different sources");
    }
    return new LinkCommand(kind, a, b);
  }
}
