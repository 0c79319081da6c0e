package dev.healthstreams.topology.canonical;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.codec.language.Nysiis;
import org.apache.commons.codec.language.Soundex;
import org.apache.commons.text.similarity.CosineSimilarity;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Compares two patient source records by a {@link MatchRules} file, the way HAPI MDM does: first
 * the enterprise identifiers (equal: MATCH, different: NO_MATCH), else each match field, then the
 * strongest result whose field combination the matched fields contain. Phonetic encoders come from
 * commons-codec and similarity measures from commons-text. Thread-safe.
 */
public final class Matcher {
  private static final Soundex SOUNDEX = Soundex.US_ENGLISH;
  private static final DoubleMetaphone DOUBLE_METAPHONE = new DoubleMetaphone();
  private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
  private static final LevenshteinDistance LEVENSHTEIN = LevenshteinDistance.getDefaultInstance();
  private static final CosineSimilarity COSINE = new CosineSimilarity();
  // Compiled once: String.replaceAll compiles its pattern on every call, for every name compared.
  private static final Pattern MARKS = Pattern.compile("\\p{M}");
  private static final Pattern NOT_NAME = Pattern.compile("[^a-z '\\-]");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern NON_DIGITS = Pattern.compile("\\D");

  private final MatchRules rules;
  private final Nicknames nicknames;
  // Nysiis keeps a little state per call in some versions: one per thread is the safe choice.
  private final ThreadLocal<Nysiis> nysiis = ThreadLocal.withInitial(Nysiis::new);

  public Matcher(MatchRules rules, Nicknames nicknames) {
    this.rules = rules;
    this.nicknames = nicknames;
  }

  public MatchRules rules() {
    return rules;
  }

  public MatchOutcome compare(Demographics a, Demographics b) {
    MatchResult byEid = compareEids(a, b);
    if (byEid != null) {
      return new MatchOutcome(byEid, byEid == MatchResult.MATCH ? Set.of("eid") : Set.of());
    }
    Set<String> matched = new LinkedHashSet<>();
    for (MatchRules.MatchField field : rules.matchFields()) {
      if (fieldMatches(field, a, b)) {
        matched.add(field.name());
      }
    }
    MatchResult result = MatchResult.NO_MATCH;
    for (Map.Entry<Set<String>, MatchResult> entry : rules.resultMap().entrySet()) {
      if (matched.containsAll(entry.getKey()) && entry.getValue().compareTo(result) > 0) {
        result = entry.getValue();
      }
    }
    return new MatchOutcome(result, Set.copyOf(matched));
  }

  /** MATCH or NO_MATCH when both records carry an identifier of an EID system; else null. */
  private MatchResult compareEids(Demographics a, Demographics b) {
    boolean compared = false;
    for (String system : rules.eidSystems()) {
      Set<String> ofA = identifierValues(a, system);
      Set<String> ofB = identifierValues(b, system);
      if (ofA.isEmpty() || ofB.isEmpty()) {
        continue;
      }
      compared = true;
      for (String value : ofA) {
        if (ofB.contains(value)) {
          return MatchResult.MATCH;
        }
      }
    }
    return compared ? MatchResult.NO_MATCH : null;
  }

  boolean fieldMatches(MatchRules.MatchField field, Demographics a, Demographics b) {
    if (field.algorithm() == MatchRules.Algorithm.NAME_ANY_ORDER) {
      return anyOrder(nameTokens(a), nameTokens(b));
    }
    if (field.algorithm() == MatchRules.Algorithm.IDENTIFIER) {
      Set<String> ofA = identifierValues(a, field.identifierSystem());
      Set<String> ofB = identifierValues(b, field.identifierSystem());
      return ofA.stream().anyMatch(ofB::contains);
    }
    for (String x : values(field.path(), a)) {
      for (String y : values(field.path(), b)) {
        if (valuesMatch(field, x, y)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean valuesMatch(MatchRules.MatchField field, String x, String y) {
    boolean name = isName(field.path());
    String nx = normalize(x, name);
    String ny = normalize(y, name);
    if (nx.isEmpty() || ny.isEmpty()) {
      return false;
    }
    return switch (field.algorithm()) {
      case STRING -> field.exact() ? x.equals(y) : nx.equals(ny);
      case DATE -> datePart(x).equals(datePart(y));
      case SOUNDEX -> encodesEqual(SOUNDEX::encode, nx, ny);
      case DOUBLE_METAPHONE -> DOUBLE_METAPHONE.isDoubleMetaphoneEqual(nx, ny);
      case NYSIIS -> encodesEqual(nysiis.get()::encode, nx, ny);
      case NICKNAME -> nicknames.same(nx, ny);
      case JARO_WINKLER -> JARO_WINKLER.apply(nx, ny) >= field.threshold();
      case LEVENSHTEIN -> levenshtein(nx, ny) >= field.threshold();
      case COSINE -> COSINE.cosineSimilarity(bigrams(nx), bigrams(ny)) >= field.threshold();
      case IDENTIFIER, NAME_ANY_ORDER -> false; // handled above
    };
  }

  private interface Encoder {
    String encode(String text);
  }

  private static boolean encodesEqual(Encoder encoder, String x, String y) {
    try {
      String ex = encoder.encode(x);
      return ex != null && !ex.isEmpty() && ex.equals(encoder.encode(y));
    } catch (IllegalArgumentException e) {
      // Soundex refuses characters it cannot map: such names do not match phonetically.
      return false;
    }
  }

  /** 1 - distance / longer length: HAPI's normalized Levenshtein similarity. */
  private static double levenshtein(String x, String y) {
    int longer = Math.max(x.length(), y.length());
    return 1.0 - (double) LEVENSHTEIN.apply(x, y) / longer;
  }

  /** Character bigram counts, the vectors cosine similarity compares. */
  private static Map<CharSequence, Integer> bigrams(String text) {
    Map<CharSequence, Integer> vector = new HashMap<>();
    String padded = " " + text + " ";
    for (int i = 0; i + 2 <= padded.length(); i++) {
      vector.merge(padded.substring(i, i + 2), 1, Integer::sum);
    }
    return vector;
  }

  /**
   * Same person whatever the order of given and family names: the token sets are equal, or the
   * smaller (of at least two tokens) is inside the larger (a middle name on one side only).
   */
  private static boolean anyOrder(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return false;
    }
    Set<String> smaller = a.size() <= b.size() ? a : b;
    Set<String> larger = smaller == a ? b : a;
    return smaller.equals(larger) || (smaller.size() >= 2 && larger.containsAll(smaller));
  }

  private static Set<String> nameTokens(Demographics d) {
    Set<String> tokens = new HashSet<>();
    List<String> parts = new ArrayList<>(d.given());
    if (d.family() != null) {
      parts.add(d.family());
    }
    for (String part : parts) {
      for (String token : normalize(part, true).split(" ")) {
        if (!token.isEmpty()) {
          tokens.add(token);
        }
      }
    }
    return tokens;
  }

  static List<String> values(MatchRules.FieldPath path, Demographics d) {
    List<String> values = new ArrayList<>();
    switch (path) {
      case GIVEN -> values.addAll(d.given());
      case FAMILY, NAME -> add(values, d.family());
      case BIRTH_DATE -> add(values, d.birthDate());
      case GENDER -> add(values, d.gender());
      case PHONE -> add(values, digits(d.telecom()));
      case IDENTIFIER -> d.identifiers().forEach(i -> values.add(i.system() + "|" + i.value()));
      case ADDRESS_LINE -> {
        if (d.address() != null) {
          values.addAll(d.address().lines());
        }
      }
      case CITY -> add(values, d.address() == null ? null : d.address().city());
      case STATE -> add(values, d.address() == null ? null : d.address().state());
      case POSTAL_CODE -> add(values, d.address() == null ? null : zip5(d.address().postalCode()));
    }
    return values;
  }

  private static Set<String> identifierValues(Demographics d, String system) {
    Set<String> values = new HashSet<>();
    for (Demographics.Identifier identifier : d.identifiers()) {
      if (system.equals(identifier.system()) && identifier.value() != null) {
        values.add(identifier.value().trim());
      }
    }
    return values;
  }

  private static boolean isName(MatchRules.FieldPath path) {
    return path == MatchRules.FieldPath.GIVEN
        || path == MatchRules.FieldPath.FAMILY
        || path == MatchRules.FieldPath.NAME;
  }

  /**
   * Lower case, accents and surrounding space removed; for names also everything but letters,
   * spaces, hyphens and apostrophes (Synthea, for one, appends digits to its names).
   */
  static String normalize(String text, boolean name) {
    if (text == null) {
      return "";
    }
    String plain =
        MARKS
            .matcher(Normalizer.normalize(text, Normalizer.Form.NFD))
            .replaceAll("")
            .toLowerCase(Locale.ROOT);
    if (name) {
      plain = NOT_NAME.matcher(plain).replaceAll("");
    }
    return SPACES.matcher(plain.trim()).replaceAll(" ");
  }

  /** The digits of a text (a phone number's, a ZIP code's); null for null. */
  static String digits(String text) {
    return text == null ? null : NON_DIGITS.matcher(text).replaceAll("");
  }

  static String zip5(String zip) {
    if (zip == null) {
      return null;
    }
    String digits = digits(zip);
    return digits.length() >= 5 ? digits.substring(0, 5) : digits;
  }

  private static String datePart(String date) {
    return date.length() >= 10 ? date.substring(0, 10) : date;
  }

  private static void add(List<String> values, String value) {
    if (value != null && !value.isBlank()) {
      values.add(value);
    }
  }
}
