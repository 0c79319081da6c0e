package dev.healthstreams.topology.support;

/**
 * The time prefix of a store key that must sort by time: 19 digits, zero-padded, so that a string
 * store's byte order is time order and a range scan up to now reads only what is due. Written by
 * hand: {@code String.format("%019d")} cost more than the rest of a record where it ran per record.
 */
public final class TimeOrderedKeys {
  /** The width of the prefix: every non-negative long fits. */
  public static final int WIDTH = 19;

  private TimeOrderedKeys() {}

  /** {@code epochMs} zero-padded to {@link #WIDTH} digits; a negative time counts as 0. */
  public static String prefix(long epochMs) {
    String digits = Long.toString(Math.max(0, epochMs));
    return "0".repeat(WIDTH - digits.length()) + digits;
  }
}
