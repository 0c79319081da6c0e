package dev.healthstreams.topology.query;

import java.util.Optional;

/**
 * The page a list query asks for: items after the key {@code after} (none: from the start), at most
 * {@code limit}.
 */
public record PageRequest(Optional<String> after, int limit) {
  public PageRequest {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
  }

  /** How many items a replica hands over: one past the limit shows whether more follow. */
  public int fetchSize() {
    return limit + 1;
  }

  /** Whether {@code key} belongs after the cursor. */
  public boolean isAfterCursor(String key) {
    return after.map(cursor -> key.compareTo(cursor) > 0).orElse(true);
  }
}
