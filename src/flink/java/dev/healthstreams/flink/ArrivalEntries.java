package dev.healthstreams.flink;

import java.util.ArrayList;
import java.util.List;

/**
 * The values one key of the gate's state holds, each with the arrival time (record time) it was
 * added at, in one string: the Flink side of the topology's {@code ExpiringEntryStore}. A lookup
 * finds the values within {@code reach} of an arrival; an add drops those {@code 2 × reach} behind
 * the newest arrival the key has seen, and ignores a value that arrives that late itself. (The
 * store expires by the newest arrival of its whole task; here a key nobody writes again is left to
 * the state's time-to-live, see {@link AlertGate}.) Stored as {@code arrival NUL value}, entries
 * separated by SOH.
 */
final class ArrivalEntries {
  private static final char FIELD = '\0';
  private static final char ENTRY = '\u0001';

  private ArrivalEntries() {}

  /** The values added within {@code reach} of {@code arrival}. */
  static List<String> near(String stored, long arrival, long reach) {
    List<String> near = new ArrayList<>(1);
    if (stored == null || stored.isEmpty()) {
      return near;
    }
    for (String entry : split(stored)) {
      int field = entry.indexOf(FIELD);
      long at = Long.parseLong(entry.substring(0, field));
      if (Math.abs(arrival - at) <= reach) {
        near.add(entry.substring(field + 1));
      }
    }
    return near;
  }

  /** {@code stored} with the value added and the expired entries dropped. */
  static String add(String stored, long arrival, String value, long reach) {
    List<String> kept = new ArrayList<>();
    long newest = arrival;
    List<String> entries = stored == null || stored.isEmpty() ? List.of() : split(stored);
    for (String entry : entries) {
      newest = Math.max(newest, Long.parseLong(entry.substring(0, entry.indexOf(FIELD))));
    }
    long oldestKept = newest - 2 * reach;
    for (String entry : entries) {
      if (Long.parseLong(entry.substring(0, entry.indexOf(FIELD))) >= oldestKept) {
        kept.add(entry);
      }
    }
    if (arrival >= oldestKept) {
      kept.add(arrival + String.valueOf(FIELD) + value);
    }
    return String.join(String.valueOf(ENTRY), kept);
  }

  private static List<String> split(String stored) {
    List<String> entries = new ArrayList<>(2);
    int from = 0;
    for (int at = stored.indexOf(ENTRY); at >= 0; at = stored.indexOf(ENTRY, from)) {
      entries.add(stored.substring(from, at));
      from = at + 1;
    }
    entries.add(stored.substring(from));
    return entries;
  }
}
