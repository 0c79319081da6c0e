package dev.healthstreams.topology.priorauth;

import java.util.HashSet;
import java.util.Set;

/**
 * Keys of the index of what falls due by wall clock: each running, unbreached clock's deadline and
 * each PA's retention time, so the punctuator reads only what is due ({@link #dueBy}) instead of
 * every PA. Keys sort by time: {@code due<US>}, a zero-padded epoch ms, then the kind and the PA
 * id. It lives in the {@link PriorAuthIndexes#STORE index store}, under its own first key part.
 */
public final class DueIndex {
  static final char SEPARATOR = '\u001f';
  static final char DEADLINE = 'D';
  static final char RETENTION = 'R';
  private static final int TIME_DIGITS = 19;
  private static final String SPACE = "due" + SEPARATOR;

  private DueIndex() {}

  /** Every key a PA should have in the index. */
  public static Set<String> keys(PriorAuthState state, Replay replay, RetentionPolicy retention) {
    Set<String> keys = new HashSet<>();
    for (Clock clock : replay.clocks()) {
      if (clock.isRunning() && !state.breaches().containsKey(clock.id())) {
        keys.add(key(clock.deadline(), DEADLINE, state.priorAuthId()));
      }
    }
    keys.add(key(retention.dueAt(state.lastUpdatedAt()), RETENTION, state.priorAuthId()));
    return keys;
  }

  static String key(long time, char kind, String priorAuthId) {
    String digits = Long.toString(Math.max(0, time));
    return SPACE
        + "0".repeat(TIME_DIGITS - digits.length())
        + digits
        + SEPARATOR
        + kind
        + SEPARATOR
        + priorAuthId;
  }

  /** The first key of the index (for a range scan). */
  public static String first() {
    return SPACE + "0".repeat(TIME_DIGITS);
  }

  /** A key after every key due at or before {@code now}. */
  public static String dueBy(long now) {
    return key(now, '\uffff', "");
  }

  public static String priorAuthIdOf(String key) {
    return key.substring(SPACE.length() + TIME_DIGITS + 3);
  }
}
