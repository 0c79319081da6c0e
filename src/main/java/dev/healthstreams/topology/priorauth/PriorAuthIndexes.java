package dev.healthstreams.topology.priorauth;

import dev.healthstreams.avro.PriorAuthClock;
import dev.healthstreams.avro.PriorAuthView;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keys of the secondary indexes that list filters read instead of every view: {@code
 * <index><US><value><US><PA id>}, so a filter is one range. The four indexes (and the {@link
 * DueIndex}) share one store, {@link #STORE}, each under its own first key part: one RocksDB per
 * partition instead of four, and one write batch per event.
 */
public final class PriorAuthIndexes {
  public static final String STORE = "prior-auth-index";
  public static final String BY_STATUS = "status";
  public static final String BY_PAYER = "payer";
  public static final String BY_PATIENT = "patient";

  /** PAs with a clock breached and not yet stopped, under the one value {@link #BREACHED}. */
  public static final String BY_SLA = "sla";

  public static final String BREACHED = "breached";
  static final char SEPARATOR = '\u001f';

  private PriorAuthIndexes() {}

  /** Index name to key, for the view's indexed values that are set; none for an expired view. */
  public static Map<String, String> keys(PriorAuthView view) {
    Map<String, String> keys = new LinkedHashMap<>();
    if (view == null || UnconfirmedOutputs.isExpiring(view)) {
      return keys; // an expired view awaiting confirmation is no PA to any query
      // (UnconfirmedOutputs)
    }
    put(keys, BY_STATUS, view.getStatus(), view.getPriorAuthId());
    put(keys, BY_PAYER, view.getPayerId(), view.getPriorAuthId());
    put(keys, BY_PATIENT, view.getPatientId(), view.getPriorAuthId());
    put(keys, BY_SLA, breached(view) ? BREACHED : null, view.getPriorAuthId());
    return keys;
  }

  /** Whether a clock of the view is breached (past its deadline, not stopped). */
  public static boolean breached(PriorAuthView view) {
    for (PriorAuthClock clock : view.getClocks()) {
      if (ClockState.BREACHED.name().equals(clock.getState())) {
        return true;
      }
    }
    return false;
  }

  private static void put(Map<String, String> keys, String index, String value, String id) {
    if (value != null) {
      keys.put(index, key(index, value, id));
    }
  }

  public static String key(String index, String value, String priorAuthId) {
    return prefix(index, value) + priorAuthId;
  }

  /** The first key of a value's range. */
  public static String prefix(String index, String value) {
    return index + SEPARATOR + value + SEPARATOR;
  }

  /** A key after every key of the value's range. */
  public static String end(String index, String value) {
    return prefix(index, value) + '\uffff';
  }

  /** The PA id of a key of {@code index} under {@code value}. */
  public static String priorAuthIdOf(String index, String value, String key) {
    return key.substring(prefix(index, value).length());
  }
}
