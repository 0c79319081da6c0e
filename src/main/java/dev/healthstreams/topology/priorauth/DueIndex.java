package dev.healthstreams.topology.priorauth;

import dev.healthstreams.topology.support.TimeOrderedKeys;
import java.util.HashSet;
import java.util.Set;

/**
 * Keys of the index of what falls due by wall clock: each running, unbreached clock's deadline and
 * each PA's retention check, so the punctuator reads only what is due ({@link #passedBy}) instead
 * of every PA. Keys sort by time: {@code due<US>}, a zero-padded epoch ms, then the kind and the PA
 * id. It lives in the {@link PriorAuthIndexes#STORE index store}, under its own first key part.
 *
 * <p>A PA has one retention key, written when it is first seen and moved only when the punctuator
 * reaches it: its time is never after the PA's retention time (that only grows as events come), so
 * the punctuator reaches it in time, and then either deletes the PA or moves the key to the
 * retention time of now. Moving it with every event would cost two index writes per event.
 */
public final class DueIndex {
  static final char SEPARATOR = '\u001f';
  static final char DEADLINE = 'D';
  static final char RETENTION = 'R';
  private static final String SPACE = "due" + SEPARATOR;

  private DueIndex() {}

  /** The deadline keys a PA should have in the index: its running, unbreached clocks. */
  public static Set<String> deadlines(PriorAuthState state, Replay replay) {
    Set<String> keys = new HashSet<>();
    for (Clock clock : replay.clocks()) {
      if (clock.isRunning() && !state.breaches().containsKey(clock.id())) {
        keys.add(key(clock.deadline(), DEADLINE, state.priorAuthId()));
      }
    }
    return keys;
  }

  /** The retention key of a PA as its state stands now. */
  public static String retention(PriorAuthState state, RetentionPolicy retention) {
    return key(retention.dueAt(state.lastUpdatedAt()), RETENTION, state.priorAuthId());
  }

  public static boolean isRetention(String key) {
    return key.charAt(SPACE.length() + TimeOrderedKeys.WIDTH + 1) == RETENTION;
  }

  static String key(long time, char kind, String priorAuthId) {
    return SPACE + TimeOrderedKeys.prefix(time) + SEPARATOR + kind + SEPARATOR + priorAuthId;
  }

  /** The first key of the index (for a range scan). */
  public static String first() {
    return SPACE + TimeOrderedKeys.prefix(0);
  }

  /**
   * A key after every key whose time has passed at {@code now}: strictly before it, as a deadline
   * is passed only after its instant ({@link PriorAuthProjection#breaches}). A key of {@code now}
   * itself is read at the next check.
   */
  public static String passedBy(long now) {
    // Times below 0 are keyed as 0 (TimeOrderedKeys), so at 0 or before nothing has passed.
    return now <= 0 ? first() : key(now - 1, '\uffff', "");
  }

  public static String priorAuthIdOf(String key) {
    return key.substring(SPACE.length() + TimeOrderedKeys.WIDTH + 3);
  }
}
