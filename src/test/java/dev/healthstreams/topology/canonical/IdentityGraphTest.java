package dev.healthstreams.topology.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.avro.LinkType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentityGraphTest {
  private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
  private final MapIdentityStore store = new MapIdentityStore();
  private final Survivorship survivorship =
      new Survivorship(SurvivorshipRule.MOST_RECENT, List.of("ehr", "pharmacy"), Map.of());
  private final IdentityGraph graph =
      new IdentityGraph(
          store,
          new Matcher(
              MatchRulesReader.load(CanonicalSyncSettings.DEFAULT_RULES), Nicknames.bundled()),
          survivorship,
          new ConflictDetector(Duration.ofDays(1), survivorship));

  private List<SyncEvent> put(String system, String id, long seq, Demographics d) {
    return graph.apply(
        PatientChange.upsert(
            new PatientRecord(new SourceKey(system, id), String.valueOf(seq), seq, seq, d)),
        NOW);
  }

  private String goldenOf(String source) {
    return store.source(source).goldenId();
  }

  private static String founded(String system, String id) {
    return IdentityGraph.goldenIdOf(new SourceKey(system, id), 0);
  }

  @Test
  void shouldFoundAGoldenPatientWithAnIdDerivedFromTheFirstRecord() {
    List<SyncEvent> events = put("ehr", "e1", 1, SyncFixtures.person("Ann", "Lee", "1980-01-01"));
    assertEquals(founded("ehr", "e1"), goldenOf("ehr/e1"));
    SyncEvent.PatientPublished published =
        assertInstanceOf(SyncEvent.PatientPublished.class, events.get(1));
    assertEquals(1, published.version());
    assertEquals(
        new SyncEvent.SourceLinked(new SourceKey("ehr", "e1"), founded("ehr", "e1")),
        events.get(0));
  }

  @Test
  void shouldLinkAMatchAndRebuildTheGoldenFromBoth() {
    put("ehr", "e1", 1, SyncFixtures.person("Robert", "Lee", "1980-01-01"));
    List<SyncEvent> events =
        put("pharmacy", "p1", 2, SyncFixtures.person("Bob", "Lee", "1980-01-01"));
    assertEquals(goldenOf("ehr/e1"), goldenOf("pharmacy/p1"));
    SyncEvent.PatientPublished published = (SyncEvent.PatientPublished) events.get(1);
    assertEquals(2, published.version());
    assertEquals(List.of("Bob"), published.survived().golden().given(), "most recent");
    assertEquals(LinkType.AUTO, published.sources().get(1).linkType());
  }

  @Test
  void shouldMoveALinkedRecordsBlockingEntriesWithoutRewritingTheKeysItKeeps() {
    BlockingKeys keys =
        new BlockingKeys(MatchRulesReader.load(CanonicalSyncSettings.DEFAULT_RULES));
    Demographics first = SyncFixtures.person("Ann", "Lee", "1980-01-01");
    put("ehr", "e1", 1, first);
    int written = store.blockingWrites;

    put("ehr", "e1", 2, first);
    assertEquals(written, store.blockingWrites, "the same demographics again");

    Demographics redated = SyncFixtures.person("Ann", "Lee", "1980-01-02");
    put("ehr", "e1", 3, redated);
    Set<String> kept = new HashSet<>(keys.of(first));
    kept.retainAll(keys.of(redated));
    assertTrue(kept.size() < keys.of(redated).size(), "a new birth date changes a key");
    assertEquals(
        written + keys.of(first).size() + keys.of(redated).size() - 2 * kept.size(),
        store.blockingWrites,
        "only the keys that differ");
    Set<String> indexedUnder = new HashSet<>();
    store.blocking.forEach(
        (key, sources) -> {
          if (sources.contains("ehr/e1")) {
            indexedUnder.add(key);
          }
        });
    assertEquals(keys.of(redated), indexedUnder);
  }

  @Test
  void shouldWriteNothingForAVersionAlreadyApplied() {
    put("ehr", "e1", 5, SyncFixtures.person("Ann", "Lee", "1980-01-01"));
    assertEquals(List.of(), put("ehr", "e1", 5, SyncFixtures.person("Ann", "Lee", "1980-01-01")));
    assertEquals(List.of(), put("ehr", "e1", 4, SyncFixtures.person("Other", "Lee", "1980-01-01")));
  }

  @Test
  void shouldReviewPossibleMatchesAndFlagWithoutLinking() {
    put("ehr", "e1", 1, SyncFixtures.person("Annabelle", "Lee", "2001-01-01"));
    List<SyncEvent> events =
        put("pharmacy", "p1", 2, SyncFixtures.person("Oliver", "Lee", "2001-01-01"));
    assertNotEquals(goldenOf("ehr/e1"), goldenOf("pharmacy/p1"));
    ReviewEntry review =
        ((SyncEvent.ReviewOpened)
                events.stream()
                    .filter(e -> e instanceof SyncEvent.ReviewOpened)
                    .findFirst()
                    .orElseThrow())
            .entry();
    assertEquals("POSSIBLE_MATCH", review.reason());
    assertEquals(
        List.of(goldenOf("ehr/e1")),
        review.candidates().stream().map(ReviewEntry.Candidate::goldenId).toList());
    assertEquals(
        Set.of(IdentityGraph.POSSIBLE_DUPLICATE), store.golden(goldenOf("ehr/e1")).flags());
    assertEquals(
        Set.of(IdentityGraph.POSSIBLE_DUPLICATE), store.golden(goldenOf("pharmacy/p1")).flags());
  }

  @Test
  void shouldReviewMatchesToTwoGoldenPatients() {
    put("ehr", "e1", 1, SyncFixtures.person("Ann", "Lee", "1980-01-01"));
    put("ehr", "e2", 2, SyncFixtures.person("Ann", "Lee", "1980-01-01"));
    assertEquals(goldenOf("ehr/e1"), goldenOf("ehr/e2"), "the second links to the first");
    graph.apply(
        new LinkCommand(
            LinkCommand.Kind.NOT_A_MATCH, new SourceKey("ehr", "e1"), new SourceKey("ehr", "e2")));
    assertNotEquals(goldenOf("ehr/e1"), goldenOf("ehr/e2"));
    List<SyncEvent> events =
        put("pharmacy", "p1", 3, SyncFixtures.person("Ann", "Lee", "1980-01-01"));
    ReviewEntry review = store.reviews().iterator().next();
    assertEquals("MULTIPLE_MATCHES", review.reason());
    assertEquals(2, review.candidates().size());
    assertTrue(events.stream().anyMatch(e -> e instanceof SyncEvent.ReviewOpened));
  }

  @Test
  void shouldLetAManualLinkAndUnlinkWinAndRebuild() {
    put("ehr", "e1", 1, SyncFixtures.person("Annabelle", "Lee", "2001-01-01"));
    put("pharmacy", "p1", 2, SyncFixtures.person("Oliver", "Lee", "2001-01-01"));
    String pharmacyGolden = goldenOf("pharmacy/p1");
    List<SyncEvent> linked =
        graph.apply(
            new LinkCommand(
                LinkCommand.Kind.LINK,
                new SourceKey("ehr", "e1"),
                new SourceKey("pharmacy", "p1")));
    assertEquals(goldenOf("ehr/e1"), goldenOf("pharmacy/p1"));
    assertEquals(LinkType.MANUAL, store.source("pharmacy/p1").linkType());
    assertEquals(List.of(), store.reviews().stream().toList(), "the review is resolved");
    assertEquals(
        List.of(), store.golden(pharmacyGolden).sources(), "the emptied golden patient is retired");
    assertEquals(1, store.golden(pharmacyGolden).version(), "with the version it last published");
    assertTrue(linked.contains(new SyncEvent.PatientRetired(pharmacyGolden)));
    assertEquals(Set.of(), store.golden(goldenOf("ehr/e1")).flags());

    List<SyncEvent> unlinked =
        graph.apply(
            new LinkCommand(
                LinkCommand.Kind.UNLINK,
                new SourceKey("ehr", "e1"),
                new SourceKey("pharmacy", "p1")));
    assertNotEquals(goldenOf("ehr/e1"), goldenOf("pharmacy/p1"));
    SyncEvent.PatientPublished rebuilt =
        unlinked.stream()
            .filter(
                e ->
                    e instanceof SyncEvent.PatientPublished p
                        && p.goldenId().equals(goldenOf("ehr/e1")))
            .map(SyncEvent.PatientPublished.class::cast)
            .findFirst()
            .orElseThrow();
    assertEquals(
        List.of("Annabelle"), rebuilt.survived().golden().given(), "rebuilt from e1 alone");
    assertEquals(1, rebuilt.sources().size());
    SyncEvent.PatientPublished again =
        unlinked.stream()
            .filter(
                e ->
                    e instanceof SyncEvent.PatientPublished p
                        && p.goldenId().equals(pharmacyGolden))
            .map(SyncEvent.PatientPublished.class::cast)
            .findFirst()
            .orElseThrow();
    assertEquals(
        2, again.version(), "p1's own golden patient again: its versions go on, not from 1");
  }

  @Test
  void shouldApplyADecisionTakenBeforeTheRecordArrives() {
    put("ehr", "e1", 1, SyncFixtures.person("Ann", "Lee", "1980-01-01"));
    graph.apply(
        new LinkCommand(
            LinkCommand.Kind.NOT_A_MATCH,
            new SourceKey("ehr", "e1"),
            new SourceKey("pharmacy", "p1")));
    put("pharmacy", "p1", 2, SyncFixtures.person("Ann", "Lee", "1980-01-01"));
    assertNotEquals(goldenOf("ehr/e1"), goldenOf("pharmacy/p1"), "not-a-match wins over a MATCH");
    graph.apply(
        new LinkCommand(
            LinkCommand.Kind.LINK, new SourceKey("ehr", "e9"), new SourceKey("ehr", "e1")));
    put("ehr", "e9", 3, SyncFixtures.person("Zed", "Other", "1950-01-01"));
    assertEquals(goldenOf("ehr/e1"), goldenOf("ehr/e9"), "a manual link wins over no match");
    assertEquals(LinkType.MANUAL, store.source("ehr/e9").linkType());
  }

  @Test
  void shouldRejectAnInvalidVersionAndKeepTheLinkedOne() {
    put("ehr", "e1", 1, SyncFixtures.person("Ann", "Lee", "1980-01-01"));
    List<SyncEvent> events = put("ehr", "e1", 2, SyncFixtures.person(null, null, "1980-02-30"));
    SyncEvent.ValidationFailed failed =
        assertInstanceOf(SyncEvent.ValidationFailed.class, events.get(0));
    assertEquals(
        List.of("NAME_MISSING", "BIRTH_DATE_INVALID"),
        failed.violations().stream().map(Violation::code).toList());
    assertEquals(1, events.size());
    assertEquals("Lee", store.source("ehr/e1").record().demographics().family());
  }

  @Test
  void shouldRetireAGoldenWhenItsLastSourceIsDeleted() {
    put("ehr", "e1", 1, SyncFixtures.person("Ann", "Lee", "1980-01-01"));
    String golden = goldenOf("ehr/e1");
    List<SyncEvent> events = graph.apply(PatientChange.delete(new SourceKey("ehr", "e1"), 2L), NOW);
    assertEquals(
        List.of(
            new SyncEvent.SourceLinked(new SourceKey("ehr", "e1"), null),
            new SyncEvent.PatientRetired(golden)),
        events);
    assertEquals(
        List.of(),
        put("ehr", "e1", 1, SyncFixtures.person("Ann", "Lee", "1980-01-01")),
        "an older version does not come back");
  }

  @Test
  void shouldReportAConflictOnce() {
    put("ehr", "e1", 1000, SyncFixtures.person("Ann", "Lee", "1980-01-01"));
    Demographics otherPhone =
        new Demographics(
            "Lee",
            List.of("Ann"),
            "1980-01-01",
            "female",
            List.of(),
            SyncFixtures.person("Ann", "Lee", "1980-01-01").address(),
            "555-0199");
    List<SyncEvent> first = put("pharmacy", "p1", 2000, otherPhone);
    assertEquals(1, first.stream().filter(e -> e instanceof SyncEvent.ConflictFound).count());
    List<SyncEvent> again = put("pharmacy", "p1", 3000, otherPhone);
    assertEquals(0, again.stream().filter(e -> e instanceof SyncEvent.ConflictFound).count());
  }
}
