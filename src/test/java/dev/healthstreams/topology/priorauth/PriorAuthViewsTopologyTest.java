package dev.healthstreams.topology.priorauth;

import static dev.healthstreams.testkit.TopologyKit.assertDeadLetter;
import static dev.healthstreams.topology.priorauth.PaEvents.HOUR;
import static dev.healthstreams.topology.priorauth.PaEvents.T0;
import static dev.healthstreams.topology.priorauth.PaEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthstreams.avro.PriorAuthStats;
import dev.healthstreams.avro.PriorAuthStatusChanged;
import dev.healthstreams.avro.PriorAuthView;
import dev.healthstreams.testkit.CountingStores;
import dev.healthstreams.testkit.TopologyKitExtension;
import dev.healthstreams.topology.query.BadQueryParameter;
import dev.healthstreams.topology.query.ListItem;
import dev.healthstreams.topology.query.ListQuery;
import dev.healthstreams.topology.query.LocalLister;
import dev.healthstreams.topology.query.LocalStores;
import dev.healthstreams.topology.query.PageRequest;
import dev.healthstreams.topology.query.QueryRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Views (order, duplicates), statistics, bad input and the list queries through the topology. */
class PriorAuthViewsTopologyTest {
  private static final long MINUTE = 60_000L;

  @RegisterExtension static final TopologyKitExtension kit = PriorAuthDriver.extension();

  private PriorAuthDriver pa;

  @BeforeEach
  void start() {
    pa = new PriorAuthDriver(kit.kit());
  }

  @Test
  void shouldOrderTheHistoryByTimestampAndIgnoreDuplicates() {
    pa.pipe(
        event("pa-1", "e3", "APPROVED", 5 * HOUR),
        event("pa-1", "e2", "SUBMITTED", 2 * HOUR),
        event("pa-1", "e2", "SUBMITTED", 2 * HOUR),
        event("pa-1", "e1", "INITIATED", 0));

    PriorAuthView view = pa.view("pa-1");
    assertEquals(
        List.of("INITIATED@0", "SUBMITTED@2", "APPROVED@5"), PriorAuthDriver.history(view));
    assertEquals("APPROVED", view.getStatus());
    assertEquals("APPROVED", view.getDetermination());
    assertEquals(T0.toEpochMilli(), view.getFirstSeenAt());
    assertEquals(T0.toEpochMilli() + 5 * HOUR, view.getLastUpdatedAt());
    assertEquals(Map.of("INITIATED", 2 * HOUR, "SUBMITTED", 3 * HOUR), view.getTimeInStatusMs());
    assertEquals(3, pa.views.readValuesToList().size(), "the duplicate wrote no view");
    assertEquals(1.0, kit.count(PriorAuthProcessor.METRIC, "outcome", "duplicate"));
    // start -> APPROVED was illegal when it came first; the later, earlier-stamped ones are legal.
    assertEquals(1, pa.anomalies().size());
  }

  @Test
  void shouldKeepOnlyTheLastHistoryEntriesAndCountTheDropped() {
    PriorAuthDriver limited =
        new PriorAuthDriver(kit.start(PriorAuthDriver.yaml("history-limit: 2")));
    limited.pipe(
        event("pa-1", "e1", "INITIATED", 0),
        event("pa-1", "e2", "SUBMITTED", HOUR),
        event("pa-1", "e3", "PENDED", 2 * HOUR),
        event("pa-1", "e4", "APPROVED", 3 * HOUR));

    PriorAuthView view = limited.view("pa-1");
    assertEquals(List.of("PENDED@2", "APPROVED@3"), PriorAuthDriver.history(view));
    assertEquals(2, view.getHistoryDropped());
    assertEquals(
        Map.of("INITIATED", HOUR, "SUBMITTED", HOUR, "PENDED", HOUR), view.getTimeInStatusMs());
  }

  /**
   * payer-a standard: pa-1 decided in 60 min; pa-2 denied at 120 min then approved on appeal; pa-3
   * pended, undecided; pa-4 extended then modified at 180 min. payer-a urgent: pa-5 approved in 30.
   */
  @Test
  void shouldComputeTheStatisticsPerPayerAndUrgency() {
    pa.pipe(
        event("pa-1", "a1", "SUBMITTED", 0),
        event("pa-1", "a2", "APPROVED", 60 * MINUTE),
        event("pa-2", "b1", "SUBMITTED", 0),
        event("pa-2", "b2", "DENIED", 120 * MINUTE),
        event("pa-2", "b3", "APPEALED", 200 * MINUTE),
        event("pa-2", "b4", "APPROVED", 300 * MINUTE),
        event("pa-3", "c1", "SUBMITTED", 0),
        event("pa-3", "c2", "PENDED", 10 * MINUTE),
        event("pa-4", "d1", "SUBMITTED", 0),
        PaEvents.of("pa-4", "d2", "TIMEFRAME_EXTENDED", 30 * MINUTE).extension("P2D").build(),
        event("pa-4", "d3", "MODIFIED", 180 * MINUTE),
        PaEvents.of("pa-5", "e1", "SUBMITTED", 0).urgent().build(),
        PaEvents.of("pa-5", "e2", "APPROVED", 30 * MINUTE + 59_999).urgent().build());
    pa.publishStats();

    PriorAuthStats standard = pa.storedStats("payer-a|standard");
    assertEquals(4, standard.getPriorAuths());
    assertEquals(
        Map.of("APPROVED", 2L, "PENDED", 1L, "MODIFIED", 1L), standard.getCountsByStatus());
    assertEquals(2, standard.getDecided().getApproved());
    assertEquals(0, standard.getDecided().getDenied(), "pa-2 counts once, as approved now");
    assertEquals(1, standard.getDecided().getModified());
    assertEquals(1, standard.getDecided().getApprovedAfterAppeal());
    assertEquals(1, standard.getDecided().getExtended());
    // First SUBMITTED to first determination: 60, 120, 180 minutes.
    assertEquals(3, standard.getDecisionMinutes().getCount());
    assertEquals(120.0, standard.getDecisionMinutes().getMean(), 1e-9);
    assertEquals(120L, standard.getDecisionMinutes().getMedian());
    assertEquals(180L, standard.getDecisionMinutes().getP90());
    PriorAuthStats urgent = pa.storedStats("payer-a|urgent");
    assertEquals(1, urgent.getPriorAuths());
    assertEquals(30L, urgent.getDecisionMinutes().getMedian(), "to the whole minute");
    Map<String, PriorAuthStats> written = new java.util.HashMap<>();
    pa.stats.readKeyValuesToList().forEach(kv -> written.put(kv.key, kv.value));
    assertEquals(standard, written.get("payer-a|standard"));
  }

  /**
   * The figures go out as each task's part of them, whole, once per {@code stats-interval} of the
   * wall clock: not at each event.
   */
  @Test
  void shouldPublishTheStatisticsWhenTheStatsIntervalPasses() {
    pa.pipe(event("pa-1", "a1", "SUBMITTED", 0), event("pa-2", "b1", "SUBMITTED", 0));
    kit.advanceWallClock(PriorAuthSettings.DEFAULT_STATS_INTERVAL.minusMillis(1));
    assertNull(pa.storedStats("payer-a|standard"));
    assertEquals(List.of(), pa.stats.readValuesToList());

    kit.advanceWallClock(Duration.ofMillis(1));

    assertEquals(Map.of("SUBMITTED", 2L), pa.storedStats("payer-a|standard").getCountsByStatus());
    List<PriorAuthStats> written = pa.stats.readValuesToList();
    assertEquals(1, written.size(), "both PAs in one record");
    assertEquals(2, written.get(0).getPriorAuths());
    pa.publishStats();
    assertEquals(List.of(), pa.stats.readValuesToList(), "nothing changed since");
  }

  @Test
  void shouldMoveAPaToItsNewPayersFigures() {
    pa.pipe(event("pa-1", "a1", "SUBMITTED", 0));
    pa.publishStats();
    assertEquals(1, pa.storedStats("payer-a|standard").getPriorAuths());
    pa.pipe(PaEvents.of("pa-1", "a2", "PENDED", HOUR).payer("payer-b").build());
    pa.publishStats();

    assertEquals(0, pa.storedStats("payer-a|standard").getPriorAuths());
    assertEquals(Map.of(), pa.storedStats("payer-a|standard").getCountsByStatus());
    assertEquals(Map.of("PENDED", 1L), pa.storedStats("payer-b|standard").getCountsByStatus());
  }

  static Stream<Arguments> badEvents() {
    return Stream.of(
        Arguments.of(
            "missing-field", PaEvents.of("pa-x", "x1", "SUBMITTED", 0).without("status").build()),
        Arguments.of(
            "missing-field",
            PaEvents.of("pa-x", "x1", "SUBMITTED", 0).without("statusTimestamp").build()),
        Arguments.of("unknown-status", event("pa-x", "x1", "SENT_TO_PAYER", 0)),
        Arguments.of(
            "bad-extension",
            PaEvents.of("pa-x", "x1", "TIMEFRAME_EXTENDED", 0).extension("three days").build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badEvents")
  void shouldDeadLetterAnUnusableEventAndKeepGoing(String reason, PriorAuthStatusChanged bad) {
    pa.pipe(event("pa-1", "e1", "SUBMITTED", 0)); // offset 0
    pa.events.pipeInput(new TestRecord<>("pa-x", bad, null, T0)); // offset 1
    pa.pipe(event("pa-2", "e2", "SUBMITTED", 0)); // offset 2

    var letter = pa.kit.deadLetters().readRecord();
    byte[] value =
        kit.kit()
            .avro()
            .specific(PriorAuthStatusChanged.class)
            .serializer()
            .serialize("pa.status", bad);
    assertDeadLetter(letter, "pa-x", value, reason, PriorAuthTopology.NAME, "pa.status", 1);
    assertEquals("SUBMITTED", pa.view("pa-2").getStatus());
    assertNull(pa.view("pa-x"));
  }

  @Test
  void shouldDeadLetterAnEventKeyedByAnotherId() {
    PriorAuthStatusChanged event = event("pa-1", "e1", "SUBMITTED", 0);
    pa.events.pipeInput(new TestRecord<>("pa-2", event, null, T0));

    assertEquals(1, pa.kit.deadLetters().readRecordsToList().size());
  }

  @Test
  void shouldListThroughTheIndexesWithFiltersAndPages() {
    pa.pipe(
        PaEvents.of("pa-1", "a1", "SUBMITTED", 0).payer("payer-a").patient("pt-1").build(),
        PaEvents.of("pa-2", "b1", "SUBMITTED", 0).payer("payer-b").patient("pt-1").build(),
        PaEvents.of("pa-3", "c1", "SUBMITTED", 0)
            .payer("payer-a")
            .patient("pt-2")
            .provider("dr-9")
            .build(),
        PaEvents.of("pa-3", "c2", "PENDED", HOUR)
            .payer("payer-a")
            .patient("pt-2")
            .provider("dr-9")
            .build(),
        PaEvents.of("pa-4", "d1", "INITIATED", 10 * 24 * HOUR)
            .payer("payer-a")
            .patient("pt-3")
            .build());
    kit.advanceWallClock(Duration.ofDays(7).plusMinutes(1));

    assertEquals(List.of("pa-1", "pa-3"), ids(Map.of("payer", "payer-a"), 2));
    assertEquals(List.of("pa-1"), ids(Map.of("payer", "payer-a", "status", "SUBMITTED"), 10));
    assertEquals(List.of("pa-1", "pa-2"), ids(Map.of("patient", "pt-1"), 10));
    assertEquals(List.of("pa-3"), ids(Map.of("provider", "dr-9"), 10));
    assertEquals(List.of("pa-1", "pa-2", "pa-3"), ids(Map.of("sla", "breached"), 10));
    assertEquals(List.of("pa-3", "pa-4"), page(Map.of("payer", "payer-a"), "pa-1", 5));
    assertEquals(List.of(), ids(Map.of("status", "APPROVED"), 10));
    assertThrows(BadQueryParameter.class, () -> ids(Map.of("status", "SENT"), 10));
    assertThrows(BadQueryParameter.class, () -> ids(Map.of("sla", "met"), 10));
  }

  /**
   * A page reads the page: through an index, its entries and the views it keeps; without a filter,
   * the views from the cursor. A filter with no index (provider) walks every view.
   */
  @Test
  void shouldReadAPageNotTheStore() {
    for (int i = 0; i < 400; i++) {
      String status = i % 2 == 0 ? "SUBMITTED" : "INITIATED";
      pa.pipe(
          PaEvents.of(String.format("pa-%03d", i), "e" + i, status, 0)
              .payer("payer-a")
              .provider(i % 50 == 0 ? "dr-1" : "dr-2")
              .build());
    }
    kit.advanceWallClock(Duration.ofDays(8));
    CountingStores stores = new CountingStores(pa.localStores());
    List<String> firstEven = List.of("pa-000", "pa-002", "pa-004", "pa-006", "pa-008");

    assertEquals(firstEven, ids(stores, Map.of("status", "SUBMITTED"), null, 5));
    // One partition here (the test driver's): its first entry, then one more for each item handed
    // over (the limit and one more, which tells that more follow): 1 + 6.
    assertEquals(7, stores.entriesRead(PriorAuthIndexes.STORE));
    assertEquals(6, stores.gets(PriorAuthProcessor.VIEW_STORE));
    assertEquals(0, stores.entriesRead(PriorAuthProcessor.VIEW_STORE));

    stores.reset();
    assertEquals(List.of("pa-010", "pa-012"), ids(stores, Map.of("sla", "breached"), "pa-008", 2));
    // The cursor's own entry, the first after it, then one for each of 2 + 1 items.
    assertEquals(5, stores.entriesRead(PriorAuthIndexes.STORE));

    stores.reset();
    assertEquals(List.of("pa-001", "pa-002"), ids(stores, Map.of(), "pa-000", 2));
    assertEquals(5, stores.entriesRead(PriorAuthProcessor.VIEW_STORE));

    stores.reset();
    assertEquals(
        List.of("pa-000", "pa-050", "pa-100", "pa-150", "pa-200", "pa-250", "pa-300", "pa-350"),
        ids(stores, Map.of("provider", "dr-1"), null, 10));
    assertEquals(400, stores.entriesRead(PriorAuthProcessor.VIEW_STORE));
  }

  @Test
  void shouldListStatisticsPerPayer() {
    pa.pipe(
        PaEvents.of("pa-1", "a1", "SUBMITTED", 0).payer("payer-a").build(),
        PaEvents.of("pa-2", "b1", "SUBMITTED", 0).payer("payer-b").urgent().build(),
        PaEvents.of("pa-3", "c1", "SUBMITTED", 0).payer("payer-b").build());
    pa.publishStats();

    List<ListItem> all = list(PriorAuthQueries.STATS, Map.of(), Optional.empty(), 10);
    List<ListItem> payerB =
        list(PriorAuthQueries.STATS, Map.of("payer", "payer-b"), Optional.empty(), 10);

    assertEquals(
        List.of("payer-a|standard", "payer-b|standard", "payer-b|urgent"),
        all.stream().map(ListItem::key).toList());
    assertEquals(
        List.of("payer-b|standard", "payer-b|urgent"), payerB.stream().map(ListItem::key).toList());
    JsonNode figures = payerB.get(1).value();
    assertEquals(1, figures.get("priorAuths").asLong());
    assertNull(figures.get("decisionHistogram"), "bytes stay on the topic");
  }

  private List<String> ids(Map<String, String> params, int limit) {
    return page(params, null, limit);
  }

  private List<String> page(Map<String, String> params, String after, int limit) {
    List<ListItem> items = list(PriorAuthQueries.LIST, params, Optional.ofNullable(after), limit);
    // The lister hands over one item more than the limit (it tells that more follow).
    return items.stream().map(ListItem::key).limit(limit).toList();
  }

  private List<String> ids(
      LocalStores stores, Map<String, String> params, String after, int limit) {
    return lister(PriorAuthQueries.LIST)
        .list(
            stores,
            new QueryRequest(Map.of(), params),
            new PageRequest(Optional.ofNullable(after), limit))
        .stream()
        .map(ListItem::key)
        .limit(limit)
        .toList();
  }

  private static LocalLister lister(String path) {
    ListQuery query =
        (ListQuery)
            new PriorAuthTopology()
                .queries(PriorAuthSettings.defaults()).stream()
                    .filter(q -> q.path().equals(path))
                    .findFirst()
                    .orElseThrow();
    return query.lister();
  }

  private List<ListItem> list(
      String path, Map<String, String> params, Optional<String> after, int limit) {
    return lister(path)
        .list(pa.localStores(), new QueryRequest(Map.of(), params), new PageRequest(after, limit));
  }
}
