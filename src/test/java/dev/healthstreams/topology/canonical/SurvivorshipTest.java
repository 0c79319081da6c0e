package dev.healthstreams.topology.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SurvivorshipTest {
  private static final SourceKey EHR = new SourceKey("ehr", "e1");
  private static final SourceKey PHARMACY = new SourceKey("pharmacy", "p1");

  private static PatientRecord record(SourceKey source, long updatedAt, Demographics d) {
    return new PatientRecord(source, "1", updatedAt, updatedAt, d);
  }

  private static Demographics d(
      String given, String family, String birthDate, String phone, Demographics.Address address) {
    return new Demographics(
        family,
        given == null ? List.of() : List.of(given),
        birthDate,
        null,
        List.of(),
        address,
        phone);
  }

  private static final Demographics.Address FULL =
      new Demographics.Address(List.of("1 Main St"), "Boston", "MA", "02115");
  private static final Demographics.Address SHORT =
      new Demographics.Address(List.of(), "Boston", null, null);

  private final PatientRecord ehr =
      record(EHR, 1000, d("Ann", "Lee", "1980-01-01", "555-1", SHORT));
  private final PatientRecord pharmacy =
      record(PHARMACY, 2000, d("Anne", "Lee", "1980-01-02", "555-2", FULL));

  private static Survivorship rules(
      SurvivorshipRule defaultRule, Map<GoldenField, SurvivorshipRule> fields) {
    return new Survivorship(defaultRule, List.of("ehr", "pharmacy"), fields);
  }

  @Test
  void shouldTakeTheMostRecentValueByDefault() {
    Survivorship.Survived s =
        rules(SurvivorshipRule.MOST_RECENT, Map.of()).survive(List.of(ehr, pharmacy));
    assertEquals(List.of("Anne"), s.golden().given());
    assertEquals("1980-01-02", s.golden().birthDate());
    assertEquals(
        new Survivorship.Lineage("birthDate", PHARMACY, 2000L, "most-recent"), s.lineage().get(1));
  }

  @Test
  void shouldFollowSourcePriorityPerField() {
    Survivorship.Survived s =
        rules(
                SurvivorshipRule.MOST_RECENT,
                Map.of(GoldenField.BIRTH_DATE, SurvivorshipRule.SOURCE_PRIORITY))
            .survive(List.of(pharmacy, ehr));
    assertEquals("1980-01-01", s.golden().birthDate());
    assertEquals(List.of("Anne"), s.golden().given(), "other fields keep the default");
    assertEquals(
        new Survivorship.Lineage("birthDate", EHR, 1000L, "source-priority"), s.lineage().get(1));
  }

  @Test
  void shouldTakeTheMostCompleteAddress() {
    PatientRecord newerShort = record(PHARMACY, 3000, d("A", "L", "1980-01-01", null, SHORT));
    PatientRecord olderFull = record(EHR, 1000, d("A", "L", "1980-01-01", null, FULL));
    Survivorship.Survived s =
        rules(
                SurvivorshipRule.MOST_RECENT,
                Map.of(GoldenField.ADDRESS, SurvivorshipRule.MOST_COMPLETE))
            .survive(List.of(newerShort, olderFull));
    assertEquals(FULL, s.golden().address());
  }

  @Test
  void shouldFillOnlyWhileEmpty() {
    PatientRecord older = record(EHR, 1000, d("A", "L", "1980-01-01", null, null));
    PatientRecord newer = record(PHARMACY, 2000, d("A", "L", "1980-01-01", "555-2", null));
    PatientRecord newest =
        record(new SourceKey("pharmacy", "p2"), 3000, d("A", "L", "1980-01-01", "555-3", null));
    Survivorship fill = rules(SurvivorshipRule.FILL_IF_EMPTY, Map.of());
    assertEquals(
        "555-2",
        fill.survive(List.of(older, newer, newest)).golden().telecom(),
        "the first source with a phone fills it; a later one does not replace it");
  }

  @Test
  void shouldUniteIdentifiersAndRebuildFromWhatIsLinked() {
    Demographics.Identifier a = new Demographics.Identifier("s", "1");
    Demographics.Identifier b = new Demographics.Identifier("t", "2");
    PatientRecord one =
        record(
            EHR,
            1,
            new Demographics("L", List.of("A"), "1980-01-01", null, List.of(a), null, null));
    PatientRecord two =
        record(
            PHARMACY,
            2,
            new Demographics("L", List.of("B"), "1980-01-01", null, List.of(b, a), null, null));
    Survivorship s = rules(SurvivorshipRule.MOST_RECENT, Map.of());
    assertEquals(List.of(a, b), s.survive(List.of(one, two)).golden().identifiers());
    assertEquals(
        List.of("A"), s.survive(List.of(one)).golden().given(), "without the unlinked source");
  }

  @Test
  void shouldReportAConflictOnlyWithinTheWindowAndWithTheChosenValue() {
    Survivorship s =
        rules(
            SurvivorshipRule.MOST_RECENT,
            Map.of(GoldenField.BIRTH_DATE, SurvivorshipRule.SOURCE_PRIORITY));
    ConflictDetector detector = new ConflictDetector(Duration.ofSeconds(1), s);
    List<ConflictDetector.Conflict> conflicts = detector.detect(List.of(pharmacy, ehr));
    assertEquals(
        List.of(GoldenField.NAME, GoldenField.BIRTH_DATE, GoldenField.ADDRESS, GoldenField.TELECOM),
        conflicts.stream().map(ConflictDetector.Conflict::field).toList());
    ConflictDetector.Conflict birth = conflicts.get(1);
    assertEquals("1980-01-01", birth.chosenValue());
    assertEquals(EHR, birth.chosenSource());
    assertEquals("source-priority", birth.rule());
    assertEquals(
        List.of(
            new ConflictDetector.SourceValue(EHR, "1980-01-01", 1000L),
            new ConflictDetector.SourceValue(PHARMACY, "1980-01-02", 2000L)),
        birth.values());
    assertEquals(
        List.of(),
        new ConflictDetector(Duration.ofMillis(999), s).detect(List.of(pharmacy, ehr)),
        "a second apart is outside a 999 ms window: an update, not a conflict");
  }
}
