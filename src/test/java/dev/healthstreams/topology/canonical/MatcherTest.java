package dev.healthstreams.topology.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.config.ConfigError;
import dev.healthstreams.config.ConfigException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MatcherTest {
  private static final MatchRules DEFAULT =
      MatchRulesReader.load(CanonicalSyncSettings.DEFAULT_RULES);
  private final Matcher matcher = new Matcher(DEFAULT, Nicknames.bundled());

  private static Demographics withMrn(Demographics d, String mrn) {
    return new Demographics(
        d.family(),
        d.given(),
        d.birthDate(),
        d.gender(),
        List.of(new Demographics.Identifier(SyncFixtures.MRN_SYSTEM, mrn)),
        d.address(),
        d.telecom());
  }

  private MatchResult result(Demographics a, Demographics b) {
    return matcher.compare(a, b).result();
  }

  @Test
  void shouldReadTheDefaultRuleFile() {
    assertEquals(3, DEFAULT.candidateSearches().size());
    assertEquals(9, DEFAULT.matchFields().size());
    assertEquals(6, DEFAULT.resultMap().size());
    assertEquals(Set.of(SyncFixtures.MRN_SYSTEM), DEFAULT.eidSystems());
  }

  @Test
  void shouldMatchTyposNicknamesSoundAlikesAndSwappedNames() {
    Demographics ehr = SyncFixtures.person("Robert", "Johnson", "1970-05-06");
    assertEquals(
        MatchResult.MATCH, result(ehr, SyncFixtures.person("Robert", "Jonhson", "1970-05-06")));
    assertEquals(
        MatchResult.MATCH, result(ehr, SyncFixtures.person("Bob", "Johnson", "1970-05-06")));
    assertEquals(
        MatchResult.MATCH, result(ehr, SyncFixtures.person("Johnson", "Robert", "1970-05-06")));
    assertEquals(
        MatchResult.MATCH, result(ehr, SyncFixtures.person("ROBERT", "Johnson", "1970-05-06")));
  }

  @Test
  void shouldOnlyPossiblyMatchTwinsAndNotMatchStrangers() {
    Demographics ann = SyncFixtures.person("Annabelle", "Lee", "2001-01-01");
    assertEquals(
        MatchResult.POSSIBLE_MATCH,
        result(ann, SyncFixtures.person("Oliver", "Lee", "2001-01-01")));
    assertEquals(
        MatchResult.NO_MATCH, result(ann, SyncFixtures.person("Oliver", "Stone", "2001-01-01")));
    assertEquals(
        MatchResult.POSSIBLE_MATCH,
        result(ann, SyncFixtures.person("Annabelle", "Lee", "2001-01-02")),
        "same name and phone, another birth date");
  }

  @Test
  void shouldDecideByTheEnterpriseIdentifierWhenBothCarryOne() {
    Demographics a = withMrn(SyncFixtures.person("Ann", "Lee", "2001-01-01"), "M1");
    assertEquals(
        MatchResult.MATCH,
        result(a, withMrn(SyncFixtures.person("Zed", "Other", "1950-01-01"), "M1")));
    assertEquals(
        MatchResult.NO_MATCH,
        result(a, withMrn(SyncFixtures.person("Ann", "Lee", "2001-01-01"), "M2")));
    assertEquals(
        MatchResult.MATCH,
        result(a, SyncFixtures.person("Ann", "Lee", "2001-01-01")),
        "one side without: fields decide");
  }

  @Test
  void shouldUseEachAlgorithmOfTheLibraries() {
    Demographics a = SyncFixtures.person("Catherine", "Smith", "1990-01-01");
    Demographics b = SyncFixtures.person("Kathryn", "Smyth", "1990-01-01");
    assertTrue(fits(MatchRules.Algorithm.SOUNDEX, MatchRules.FieldPath.FAMILY, 0, a, b));
    assertTrue(fits(MatchRules.Algorithm.DOUBLE_METAPHONE, MatchRules.FieldPath.FAMILY, 0, a, b));
    // NYSIIS keeps the Y of Smyth (SNYT) but turns Smith's and Smit's I into A (SNAT).
    assertFalse(fits(MatchRules.Algorithm.NYSIIS, MatchRules.FieldPath.FAMILY, 0, a, b));
    assertTrue(
        fits(
            MatchRules.Algorithm.NYSIIS,
            MatchRules.FieldPath.FAMILY,
            0,
            a,
            SyncFixtures.person("Cat", "Smit", null)));
    assertFalse(fits(MatchRules.Algorithm.STRING, MatchRules.FieldPath.FAMILY, 0, a, b));
    // Levenshtein smith/smyth: 1 edit over 5 letters = 0.8.
    assertTrue(fits(MatchRules.Algorithm.LEVENSHTEIN, MatchRules.FieldPath.FAMILY, 0.8, a, b));
    assertFalse(fits(MatchRules.Algorithm.LEVENSHTEIN, MatchRules.FieldPath.FAMILY, 0.81, a, b));
    // Bigrams of " smith " and " smyth ": 6 each, sharing " s", "sm", "th", "h " -> 4/6.
    assertTrue(fits(MatchRules.Algorithm.COSINE, MatchRules.FieldPath.FAMILY, 0.66, a, b));
    assertFalse(fits(MatchRules.Algorithm.COSINE, MatchRules.FieldPath.FAMILY, 0.67, a, b));
    assertTrue(fits(MatchRules.Algorithm.JARO_WINKLER, MatchRules.FieldPath.FAMILY, 0.85, a, b));
    assertTrue(fits(MatchRules.Algorithm.DATE, MatchRules.FieldPath.BIRTH_DATE, 0, a, b));
    assertTrue(
        fits(
            MatchRules.Algorithm.NICKNAME,
            MatchRules.FieldPath.GIVEN,
            0,
            SyncFixtures.person("Peggy", "X", null),
            SyncFixtures.person("Margaret", "Y", null)));
  }

  private static boolean fits(
      MatchRules.Algorithm algorithm,
      MatchRules.FieldPath path,
      double threshold,
      Demographics a,
      Demographics b) {
    MatchRules.MatchField field =
        new MatchRules.MatchField("f", path, algorithm, false, threshold, null);
    MatchRules rules =
        new MatchRules(
            List.of(), List.of(field), java.util.Map.of(Set.of("f"), MatchResult.MATCH), Set.of());
    return new Matcher(rules, Nicknames.bundled()).fieldMatches(field, a, b);
  }

  @Test
  void shouldNormalizeNamesAndTextAndKeepTheDigitsOfPhonesAndZipCodes() {
    assertEquals("jose ma-rie o'neil", Matcher.normalize("  Jos\u00e9   Ma-rie O'Neil3 ", true));
    assertEquals("unicode city 7", Matcher.normalize("\u00dcn\u00efcode\tCITY  7", false));
    assertEquals("", Matcher.normalize(null, true));
    assertEquals("5551234567", Matcher.digits("(555) 123-4567"));
    assertEquals(null, Matcher.digits(null));
    assertEquals("02139", Matcher.zip5("02139-1234"));
    assertEquals("0213", Matcher.zip5("0213"));
  }

  @Test
  void shouldReportEveryProblemOfABrokenRuleFileWithItsPath() {
    String json =
        """
        {"candidateSearchParams": [{"searchParams": ["shoe-size"]}],
         "matchFields": [
           {"name": "a", "resourcePath": "name.nickname", "matcher": {"algorithm": "STRING"}},
           {"name": "b", "resourcePath": "name.given", "similarity": {"algorithm": "JARO_WINKLER", "matchThreshold": 2}},
           {"name": "c", "resourcePath": "name.given", "matcher": {"algorithm": "LOUD"}}],
         "matchResultMap": {"a,zz": "MATCH", "a": "MAYBE"}}
        """;
    ConfigException e =
        assertThrows(ConfigException.class, () -> MatchRulesReader.parse(json, "rules.json"));
    List<String> paths = e.errors().stream().map(ConfigError::path).toList();
    assertEquals(
        List.of(
            "rules.json#candidateSearchParams[0].searchParams",
            "rules.json#matchFields[0].resourcePath",
            "rules.json#matchFields[1].similarity.matchThreshold",
            "rules.json#matchFields[2].matcher.algorithm",
            "rules.json#matchResultMap.a,zz",
            "rules.json#matchResultMap.a"),
        paths);
  }
}
