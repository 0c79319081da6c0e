package dev.healthstreams.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One sample resource, cut at every place a copy differs from it, so that a copy is rendered by
 * gluing the unchanged pieces together with what differs in between: no parse per generated record,
 * the rest of the JSON untouched. A copy differs in its ids (its own id, the patient and the
 * Medication it references, the pharmacy's patient id: each followed by the copy suffix) and in the
 * person it describes ({@link PersonVariation}: birth date, phone and identifier digits).
 */
final class CopyTemplate {
  /** Synthea ids are UUIDs; only those in the rename set are suffixed (encounters stay as is). */
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private static final Pattern OWN_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern PATIENT_REF = Pattern.compile("\"Patient/([^\"]+)\"");
  private static final Pattern JSON_STRING = Pattern.compile("\"([^\"\\\\]+)\"");

  /** The pharmacy system's own patient id, which no sample record is keyed by. */
  private static final Pattern PHARMACY_PATIENT_ID = stringField("pharmacyPatientId");

  private static final Pattern ISO_BIRTH_DATE =
      Pattern.compile("\"birthDate\"\\s*:\\s*\"(\\d{4}-\\d{2}-\\d{2})\"");
  private static final Pattern US_BIRTH_DATE =
      Pattern.compile("\"dob\"\\s*:\\s*\"(\\d{2}/\\d{2}/\\d{4})\"");
  private static final Pattern PHONE_OR_IDENTIFIER =
      Pattern.compile("\"(?:phone|value)\"\\s*:\\s*\"([^\"]+)\"");

  private final byte[][] pieces;
  private final List<Slot> slots; // slot i goes between piece i and piece i + 1
  private final String id;
  private final String patientId;

  private CopyTemplate(byte[][] pieces, List<Slot> slots, String id, String patientId) {
    this.pieces = pieces;
    this.slots = slots;
    this.id = id;
    this.patientId = patientId;
  }

  static CopyTemplate of(byte[] json, Set<String> renamed) {
    return of(json, renamed, null);
  }

  /**
   * @param keyPath where the record's key is (its last step names the field: {@code
   *     payload.priorAuthId}), or null for the resource's own {@code id}
   */
  static CopyTemplate of(byte[] json, Set<String> renamed, String keyPath) {
    String text = new String(json, StandardCharsets.ISO_8859_1); // byte offsets == char offsets
    Matcher own = (keyPath == null ? OWN_ID : fieldPattern(keyPath)).matcher(text);
    String id = own.find() ? own.group(1) : null;
    Matcher patient = PATIENT_REF.matcher(text);
    String patientId = patient.find() ? patient.group(1) : null;

    List<Cut> cuts = new ArrayList<>();
    Matcher uuid = UUID.matcher(text);
    while (uuid.find()) {
      if (renamed.contains(uuid.group())) {
        cuts.add(Cut.suffixAfter(uuid.end()));
      }
    }
    if (keyPath != null) {
      // Keys of such samples need not be UUIDs ("pa-demo-1"): a JSON string equal to one is one.
      Matcher string = JSON_STRING.matcher(text);
      while (string.find()) {
        String value = string.group(1);
        if (renamed.contains(value) && !UUID.matcher(value).matches()) {
          cuts.add(Cut.suffixAfter(string.end(1)));
        }
      }
    }
    Matcher pharmacyPatient = PHARMACY_PATIENT_ID.matcher(text);
    while (pharmacyPatient.find()) {
      cuts.add(Cut.suffixAfter(pharmacyPatient.end(1)));
    }
    replaceEach(cuts, ISO_BIRTH_DATE.matcher(text), PersonVariation::isoBirthDate);
    replaceEach(cuts, US_BIRTH_DATE.matcher(text), PersonVariation::usBirthDate);
    Matcher digits = PHONE_OR_IDENTIFIER.matcher(text);
    while (digits.find()) {
      if (PersonVariation.digitShaped(digits.group(1))) {
        cuts.add(Cut.replacing(digits, PersonVariation::digitsOffset));
      }
    }
    cuts.sort(Comparator.comparingInt(Cut::start));

    List<byte[]> pieces = new ArrayList<>();
    List<Slot> slots = new ArrayList<>();
    int from = 0;
    for (Cut cut : cuts) {
      if (!slots.isEmpty() && cut.start() <= from) {
        continue; // the same place found twice (a renamed id that is also the pharmacy's)
      }
      pieces.add(text.substring(from, cut.start()).getBytes(StandardCharsets.ISO_8859_1));
      slots.add(cut.slot());
      from = cut.end();
    }
    pieces.add(text.substring(from).getBytes(StandardCharsets.ISO_8859_1));
    return new CopyTemplate(pieces.toArray(new byte[0][]), List.copyOf(slots), id, patientId);
  }

  private static void replaceEach(
      List<Cut> cuts, Matcher matcher, BiFunction<String, Integer, String> variation) {
    while (matcher.find()) {
      cuts.add(Cut.replacing(matcher, variation));
    }
  }

  private static Pattern stringField(String name) {
    return Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]+)\"");
  }

  private static Pattern fieldPattern(String keyPath) {
    return stringField(keyPath.substring(keyPath.lastIndexOf('.') + 1));
  }

  /** The resource's own id (or its declared key) in the sample. */
  String id() {
    return id;
  }

  /** The id of the patient it references (a Patient's own id for a Patient), or null. */
  String patientId() {
    return patientId;
  }

  /** Copy {@code copy} of the resource, whose ids end with {@code suffix}. */
  byte[] render(int copy, String suffix) {
    byte[] suffixBytes = suffix.getBytes(StandardCharsets.US_ASCII);
    List<byte[]> parts = new ArrayList<>(pieces.length * 2);
    int length = 0;
    for (int i = 0; i < pieces.length; i++) {
      if (i > 0) {
        byte[] slot = slots.get(i - 1).render(copy, suffixBytes);
        parts.add(slot);
        length += slot.length;
      }
      parts.add(pieces[i]);
      length += pieces[i].length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }

  /** What goes between two unchanged pieces in copy {@code copy}. */
  private interface Slot {
    byte[] render(int copy, byte[] suffix);
  }

  /** Text {@code [start, end)} of the sample replaced by {@code slot}. */
  private record Cut(int start, int end, Slot slot) {
    /** The copy suffix inserted at {@code at}, after an id that stays. */
    static Cut suffixAfter(int at) {
      return new Cut(at, at, (copy, suffix) -> suffix);
    }

    /** The matcher's first group replaced by its variation for the copy. */
    static Cut replacing(Matcher matcher, BiFunction<String, Integer, String> variation) {
      String original = matcher.group(1);
      return new Cut(
          matcher.start(1),
          matcher.end(1),
          (copy, suffix) -> variation.apply(original, copy).getBytes(StandardCharsets.ISO_8859_1));
    }
  }
}
