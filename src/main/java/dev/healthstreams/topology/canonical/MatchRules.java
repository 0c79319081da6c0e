package dev.healthstreams.topology.canonical;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A matching rule file in the shape of HAPI FHIR MDM's ({@code mdm-rules.json}): blocking searches,
 * named match fields, the result each combination of matched fields gives, and the enterprise
 * identifier systems.
 *
 * @param candidateSearches each a set of search parameters a candidate must share all of (AND);
 *     candidates are the union over the searches (OR), as in HAPI's {@code candidateSearchParams}
 * @param resultMap a set of field names to the result it gives; a comparison gets the strongest
 *     result of every set its matched fields contain
 * @param eidSystems identifier systems whose equality is a MATCH and whose difference a NO_MATCH
 */
public record MatchRules(
    List<Set<BlockingParam>> candidateSearches,
    List<MatchField> matchFields,
    Map<Set<String>, MatchResult> resultMap,
    Set<String> eidSystems) {

  /** The search parameters blocking can use, by their FHIR Patient search names. */
  public enum BlockingParam {
    BIRTHDATE("birthdate"),
    FAMILY("family"),
    GIVEN("given"),
    PHONE("phone"),
    IDENTIFIER("identifier"),
    POSTAL_CODE("address-postalcode"),
    GENDER("gender");

    private final String searchName;

    BlockingParam(String searchName) {
      this.searchName = searchName;
    }

    public String searchName() {
      return searchName;
    }

    public static BlockingParam of(String searchName) {
      for (BlockingParam param : values()) {
        if (param.searchName.equals(searchName)) {
          return param;
        }
      }
      return null;
    }
  }

  /** The paths a match field can compare, by HAPI's {@code resourcePath} names. */
  public enum FieldPath {
    GIVEN("name.given"),
    FAMILY("name.family"),
    NAME("name"),
    BIRTH_DATE("birthDate"),
    GENDER("gender"),
    IDENTIFIER("identifier"),
    PHONE("telecom.value"),
    ADDRESS_LINE("address.line"),
    CITY("address.city"),
    STATE("address.state"),
    POSTAL_CODE("address.postalCode");

    private final String path;

    FieldPath(String path) {
      this.path = path;
    }

    public String path() {
      return path;
    }

    public static FieldPath of(String path) {
      for (FieldPath field : values()) {
        if (field.path.equals(path)) {
          return field;
        }
      }
      return null;
    }
  }

  public enum Algorithm {
    STRING,
    DATE,
    SOUNDEX,
    DOUBLE_METAPHONE,
    NYSIIS,
    IDENTIFIER,
    NAME_ANY_ORDER,
    NICKNAME,
    JARO_WINKLER,
    LEVENSHTEIN,
    COSINE;

    public boolean isSimilarity() {
      return this == JARO_WINKLER || this == LEVENSHTEIN || this == COSINE;
    }
  }

  /**
   * One named comparison.
   *
   * @param exact for STRING: compare as written instead of normalized (case, accents, spaces)
   * @param threshold for a similarity: the score at or above which the field matches
   * @param identifierSystem for IDENTIFIER: the system whose values are compared
   */
  public record MatchField(
      String name,
      FieldPath path,
      Algorithm algorithm,
      boolean exact,
      double threshold,
      String identifierSystem) {}
}
