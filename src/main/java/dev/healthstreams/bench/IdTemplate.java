package dev.healthstreams.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One sample resource, cut after every id that a copy must rename (its own id, the patient it
 * references, the Medication it references), so a copy is rendered by gluing the pieces together
 * with the copy suffix in between: no parse per generated record, the rest of the JSON untouched.
 */
final class IdTemplate {
  /** Synthea ids are UUIDs; only those in the rename set are suffixed (encounters stay as is). */
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private static final Pattern OWN_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern PATIENT_REF = Pattern.compile("\"Patient/([^\"]+)\"");
  private static final Pattern JSON_STRING = Pattern.compile("\"([^\"\\\\]+)\"");

  private final byte[][] pieces;
  private final int length;
  private final String id;
  private final String patientId;

  private IdTemplate(byte[][] pieces, String id, String patientId) {
    this.pieces = pieces;
    this.id = id;
    this.patientId = patientId;
    int total = 0;
    for (byte[] piece : pieces) {
      total += piece.length;
    }
    this.length = total;
  }

  static IdTemplate of(byte[] json, Set<String> renamed) {
    return of(json, renamed, null);
  }

  /**
   * @param keyPath where the record's key is (its last step names the field: {@code
   *     payload.priorAuthId}), or null for the resource's own {@code id}
   */
  static IdTemplate of(byte[] json, Set<String> renamed, String keyPath) {
    String text = new String(json, StandardCharsets.ISO_8859_1); // byte offsets == char offsets
    Matcher own = (keyPath == null ? OWN_ID : fieldPattern(keyPath)).matcher(text);
    String id = own.find() ? own.group(1) : null;
    Matcher patient = PATIENT_REF.matcher(text);
    String patientId = patient.find() ? patient.group(1) : null;
    List<int[]> cuts = new ArrayList<>(); // [start, end) of each id to suffix, in order
    Matcher uuid = UUID.matcher(text);
    while (uuid.find()) {
      if (renamed.contains(uuid.group())) {
        cuts.add(new int[] {uuid.start(), uuid.end()});
      }
    }
    if (keyPath != null) {
      // Keys of such samples need not be UUIDs ("pa-demo-1"): a JSON string equal to one is one.
      Matcher string = JSON_STRING.matcher(text);
      while (string.find()) {
        String value = string.group(1);
        if (renamed.contains(value) && !UUID.matcher(value).matches()) {
          cuts.add(new int[] {string.start(1), string.end(1)});
        }
      }
      cuts.sort((a, b) -> Integer.compare(a[0], b[0]));
    }
    List<byte[]> pieces = new ArrayList<>();
    int from = 0;
    for (int[] cut : cuts) {
      pieces.add(text.substring(from, cut[1]).getBytes(StandardCharsets.ISO_8859_1));
      from = cut[1];
    }
    pieces.add(text.substring(from).getBytes(StandardCharsets.ISO_8859_1));
    return new IdTemplate(pieces.toArray(new byte[0][]), id, patientId);
  }

  private static Pattern fieldPattern(String keyPath) {
    String field = keyPath.substring(keyPath.lastIndexOf('.') + 1);
    return Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"([^\"]+)\"");
  }

  /** The resource's own id (or its declared key) in the sample. */
  String id() {
    return id;
  }

  /** The id of the patient it references (a Patient's own id for a Patient), or null. */
  String patientId() {
    return patientId;
  }

  /** The resource with every renamed id followed by {@code suffix}. */
  byte[] render(String suffix) {
    byte[] suffixBytes = suffix.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[length + (pieces.length - 1) * suffixBytes.length];
    int at = 0;
    for (int i = 0; i < pieces.length; i++) {
      if (i > 0) {
        System.arraycopy(suffixBytes, 0, out, at, suffixBytes.length);
        at += suffixBytes.length;
      }
      System.arraycopy(pieces[i], 0, out, at, pieces[i].length);
      at += pieces[i].length;
    }
    return out;
  }
}
