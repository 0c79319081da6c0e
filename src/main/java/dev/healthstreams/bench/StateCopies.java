package dev.healthstreams.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericArray;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;

/**
 * Turns a store entry a topology computed from copy 0 of the samples into the entry it would
 * compute from copy {@code n}: every sample id followed by copy 0's suffix ({@code -c0}, see {@link
 * InputScaler}) gets copy {@code n}'s instead, in the key and in every string of an Avro value,
 * however deeply nested. Nothing else changes, so a copy is as large and as shaped as the state the
 * topology wrote.
 */
final class StateCopies {
  private static final String SEED_SUFFIX = InputScaler.suffix(0);

  private final Set<String> renamed;
  private final int[] idLengths;
  // The few distinct strings of the seed states, each cut where a copy's suffix goes.
  private final Map<String, String[]> cuts = new HashMap<>();

  StateCopies(Set<String> renamedIds) {
    this.renamed = Set.copyOf(renamedIds);
    TreeSet<Integer> lengths = new TreeSet<>();
    renamed.forEach(id -> lengths.add(id.length()));
    this.idLengths = lengths.stream().mapToInt(Integer::intValue).toArray();
  }

  /** {@code text} as copy {@code copy} has it. */
  String copy(String text, int copy) {
    String[] pieces = cuts.computeIfAbsent(text, this::cut);
    if (pieces.length == 1) {
      return text;
    }
    String suffix = InputScaler.suffix(copy);
    StringBuilder out = new StringBuilder(text.length() + pieces.length * 8);
    out.append(pieces[0]);
    for (int i = 1; i < pieces.length; i++) {
      out.append(suffix).append(pieces[i]);
    }
    return out.toString();
  }

  /** Whether {@code text} names a sample id of copy 0, so that copies of it differ. */
  boolean isCopied(String text) {
    return cuts.computeIfAbsent(text, this::cut).length > 1;
  }

  /** A new record, every string in it (map keys included) as copy {@code copy} has it. */
  GenericRecord copy(GenericRecord value, int copy) {
    return (GenericRecord) copyValue(value, copy);
  }

  private Object copyValue(Object value, int copy) {
    if (value instanceof GenericRecord record) {
      Schema schema = record.getSchema();
      GenericData.Record out = new GenericData.Record(schema);
      for (Schema.Field field : schema.getFields()) {
        out.put(field.pos(), copyValue(record.get(field.pos()), copy));
      }
      return out;
    }
    if (value instanceof CharSequence text) {
      String original = text.toString();
      String copied = copy(original, copy);
      // Keep the reader's string type: Utf8 stays Utf8.
      return copied.equals(original) ? value : (value instanceof Utf8 ? new Utf8(copied) : copied);
    }
    if (value instanceof GenericArray<?> array) {
      GenericData.Array<Object> out = new GenericData.Array<>(array.size(), array.getSchema());
      array.forEach(element -> out.add(copyValue(element, copy)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(element -> out.add(copyValue(element, copy)));
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(copyValue(k, copy), copyValue(v, copy)));
      return out;
    }
    return value; // numbers, booleans, bytes, enums, fixed, null: no ids in them
  }

  /** The text split after every renamed id that carries copy 0's suffix, suffix dropped. */
  private String[] cut(String text) {
    List<String> pieces = new ArrayList<>();
    int from = 0;
    int at = text.indexOf(SEED_SUFFIX);
    while (at >= 0) {
      int end = at + SEED_SUFFIX.length();
      // "-c0" must end there: "-c01" would be copy 1 of something, not this suffix.
      boolean whole = end == text.length() || !Character.isDigit(text.charAt(end));
      if (whole && endsWithId(text, at)) {
        pieces.add(text.substring(from, at));
        from = end;
      }
      at = text.indexOf(SEED_SUFFIX, end);
    }
    pieces.add(text.substring(from));
    return pieces.toArray(new String[0]);
  }

  private boolean endsWithId(String text, int at) {
    for (int length : idLengths) {
      if (length <= at && renamed.contains(text.substring(at - length, at))) {
        return true;
      }
    }
    return false;
  }
}
