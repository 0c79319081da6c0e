package dev.healthstreams.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.bench.BenchPlan.Feed;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.SettingsReader;
import dev.healthstreams.runtime.TopicSpec;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopologyContext;
import dev.healthstreams.topology.TopologyDefinition;
import dev.healthstreams.topology.TopologyRegistry;
import dev.healthstreams.topology.ValueFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;

/**
 * The bench's plan comes from a topology's declarations alone: the test-only observation-count
 * topology, which bench has never heard of, is planned like the product ones. Expected counts come
 * from reading the samples here, not through the bench's own reader.
 */
class BenchPlanTest {
  private static final String OBSERVATIONS = "/sample/Observation.ndjson.gz";
  private static final String PATIENTS = "/sample/Patient.ndjson.gz";
  private static final int COPIES = 3;
  private static final InputCaps CAPS = new InputCaps(5_000, Map.of("MedicationRequest", 700L));
  private static final TopologyRegistry REGISTRY = TopologyRegistry.discover();
  private static final BenchPlanner PLANNER = new BenchPlanner(REGISTRY, COPIES, CAPS);
  private static final AppConfig BUNDLED =
      REGISTRY.loader(Map.of()).load(Path.of("topologies.yaml"));

  @Test
  void shouldPlanATopologyBenchKnowsOnlyFromTheRegistry() {
    BenchPlan plan = PLANNER.plan(BUNDLED, "observation-count", "");

    assertEquals(
        new Feed("observations", "observations.bench-observation-count", OBSERVATIONS),
        plan.input());
    assertEquals(List.of(), plan.tables(), "it declares no table input");
    assertEquals("counts.bench-observation-count", plan.output());
    assertEquals("healthstreams-observation-count", plan.applicationId());
    assertEquals(
        Map.of(
            "observations.bench-observation-count", false,
            "counts.bench-observation-count", true,
            "dead-letter.bench-observation-count", false),
        compactedByTopic(plan));
    plan.topics().values().forEach(spec -> assertEquals(4, spec.partitions()));
    plan.topics().values().forEach(spec -> assertEquals(1, spec.replication()));
  }

  @Test
  void shouldHoldAlertingToTheP99ItsIssueAsksAndOthersToTheBenchDefault() {
    assertEquals(
        java.time.Duration.ofMillis(150),
        PLANNER.plan(BUNDLED, "observation-alerting", "").latencyTarget(),
        "issue 15: alerting p99 <= 150 ms");
    assertEquals(null, PLANNER.plan(BUNDLED, "observation-count", "").latencyTarget());
    assertEquals(null, PLANNER.plan(BUNDLED, "medication-interaction", "").latencyTarget());
  }

  @Test
  void shouldSetOnlyTheCommitIntervalOfTheTopologyForACommitIntervalVariant() {
    // The shipped config gives observation-alerting a streams block of its own (commit 50 ms).
    BenchPlan plan = PLANNER.plan(BUNDLED, "observation-alerting", "-commit20");
    Map<String, String> shipped = BUNDLED.topology("observation-alerting").orElseThrow().streams();

    BenchPlan variant = plan.withCommitInterval(20);

    Map<String, String> expected = new java.util.HashMap<>(shipped);
    expected.put("commit.interval.ms", "20");
    assertEquals("50", shipped.get("commit.interval.ms"), "the shipped setting this overrides");
    assertEquals(
        expected, variant.config().topology("observation-alerting").orElseThrow().streams());
    assertEquals(plan.input(), variant.input());
    assertEquals(plan.topics(), variant.topics());
    assertEquals(plan.applicationId(), variant.applicationId());
    assertEquals(plan.tables(), variant.tables());
    assertEquals(plan.latencyTarget(), variant.latencyTarget());
  }

  @Test
  void shouldScaleTheDeclaredSampleIntoEachPhaseOwnCopies() {
    BenchPlan plan = PLANNER.plan(BUNDLED, "observation-count", "");
    InputScaler scaler = PLANNER.scaler();
    long lines = lines(OBSERVATIONS).size();
    Set<String> samplePatients = subjects(lines(OBSERVATIONS));

    assertEquals(2381, lines, "the bundled Observation sample");
    assertEquals(5_000, plan.inputRecords(scaler, plan.throughput()));
    assertEquals(Math.min(10_000, COPIES * lines), plan.inputRecords(scaler, plan.warmUp()));
    assertEquals(100, plan.inputRecords(scaler, plan.latency(100)));
    assertEquals(COPIES * lines, plan.inputRecords(scaler, plan.latency(Long.MAX_VALUE)));

    List<String> throughput = subjects(plan.input(scaler, plan.throughput()));
    assertEquals(5_000, throughput.size());
    assertEquals(
        COPIES * samplePatients.size(),
        Set.copyOf(throughput).size(),
        "every copy of every sample patient, each a patient of its own");
    Set<String> warmUp = Set.copyOf(subjects(plan.input(scaler, plan.warmUp())));
    Set<String> latency = Set.copyOf(subjects(plan.input(scaler, plan.latency(5_000))));
    assertTrue(warmUp.stream().noneMatch(throughput::contains), "warm-up has copies of its own");
    assertTrue(latency.stream().noneMatch(throughput::contains), "latency has copies of its own");
    assertTrue(latency.stream().noneMatch(warmUp::contains));
  }

  @Test
  void shouldGiveEachWarmUpRoundAPartOfTheWarmUpCopies() {
    BenchPlanner planner = new BenchPlanner(REGISTRY, 10, CAPS, 4);
    BenchPlan plan = planner.plan(BUNDLED, "observation-count", "");
    InputScaler scaler = planner.scaler();
    Set<String> throughput = Set.copyOf(subjects(plan.input(scaler, plan.throughput())));
    long lines = lines(OBSERVATIONS).size();

    List<Set<String>> rounds = new ArrayList<>();
    for (int round = 0; round < BenchPlan.WARM_UP_ROUNDS; round++) {
      rounds.add(Set.copyOf(subjects(plan.input(scaler, plan.warmUpRound(round)))));
    }

    // 10 copies in 3 rounds: 3, 3 and the last 4, each at most twice the timed cap (10,000).
    assertEquals(3 * lines, plan.inputRecords(scaler, plan.warmUpRound(0)));
    assertEquals(3 * lines, plan.inputRecords(scaler, plan.warmUpRound(1)));
    assertEquals(Math.min(10_000, 4 * lines), plan.inputRecords(scaler, plan.warmUpRound(2)));
    Set<String> samplePatients = subjects(lines(OBSERVATIONS));
    assertEquals(3 * samplePatients.size(), rounds.get(0).size(), "three copies' patients");
    for (int a = 0; a < rounds.size(); a++) {
      Set<String> round = rounds.get(a);
      assertTrue(round.stream().noneMatch(throughput::contains), "round " + a + " vs timed");
      for (int b = a + 1; b < rounds.size(); b++) {
        assertTrue(round.stream().noneMatch(rounds.get(b)::contains), a + " vs " + b);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> plan.warmUpRound(3));
  }

  @Test
  void shouldGiveEveryWarmUpRoundTheWholeWarmUpOfATinyRun() {
    BenchPlan plan = new BenchPlanner(REGISTRY, 1, CAPS, 4).plan(BUNDLED, "observation-count", "");

    assertEquals(plan.warmUp(), plan.warmUpRound(0));
    assertEquals(plan.warmUp(), plan.warmUpRound(2));
  }

  @Test
  void shouldGiveTheProbeAndEachLatencyPointAPartOfTheLatencyCopies() {
    BenchPlanner planner = new BenchPlanner(REGISTRY, 10, CAPS, 4);
    BenchPlan plan = planner.plan(BUNDLED, "observation-count", "");
    InputScaler scaler = planner.scaler();
    Set<String> latency = Set.copyOf(subjects(plan.input(scaler, plan.latency(Long.MAX_VALUE))));
    List<BenchPlan.Slice> parts = new ArrayList<>(List.of(plan.probe(Long.MAX_VALUE)));
    for (int point = 0; point < 4; point++) {
      parts.add(plan.latencyPoint(point, Long.MAX_VALUE));
    }
    Set<String> seen = new HashSet<>();
    for (BenchPlan.Slice part : parts) {
      Set<String> own = Set.copyOf(subjects(plan.input(scaler, part)));
      // 10 copies in 5 parts: 2 copies of the sample's patients each.
      assertEquals(2 * subjects(lines(OBSERVATIONS)).size(), own.size(), part.toString());
      assertTrue(latency.containsAll(own), part + " outside the latency copies");
      assertTrue(own.stream().noneMatch(seen::contains), part + " repeats an earlier part");
      seen.addAll(own);
    }
    assertThrows(IllegalArgumentException.class, () -> plan.latencyPoint(4, 10));
    // Fewer copies than parts (a tiny run): every part takes all of them.
    BenchPlan tiny = new BenchPlanner(REGISTRY, 1, CAPS, 4).plan(BUNDLED, "observation-count", "");
    assertEquals(tiny.latency(10), tiny.latencyPoint(3, 10));
    assertEquals(tiny.latency(10), tiny.probe(10));
  }

  @Test
  void shouldLoadDeclaredTablesWithEveryCopyFirst() {
    BenchPlan plan = PLANNER.plan(BUNDLED, "observation-alerting", "");
    InputScaler scaler = PLANNER.scaler();

    assertEquals(
        List.of(new Feed("patients", "fhir.patient.bench-observation-alerting", PATIENTS)),
        plan.tables());
    Feed patients = plan.tables().get(0);
    assertEquals(3L * COPIES * lines(PATIENTS).size(), plan.tableRecords(scaler, patients));
    Set<String> ids = new HashSet<>();
    plan.table(scaler, patients).forEachRemaining(r -> ids.add(r.key()));
    assertEquals(3 * COPIES * lines(PATIENTS).size(), ids.size());
    assertEquals(5_000, plan.inputCap(), "no cap of its own for the Observation sample");
    assertEquals(
        Map.of(
            "fhir.observation.bench-observation-alerting", false,
            "fhir.patient.bench-observation-alerting", true,
            "clinical.alerts.bench-observation-alerting", false,
            "clinical.notifications.critical", false, // a route: a setting, not a role's topic
            "healthstreams.observation-alerting.dlq.bench-observation-alerting", false),
        compactedByTopic(plan));
  }

  @Test
  void shouldSkipTablesWithoutASampleAndTakeTheSampleCap() {
    BenchPlan plan = PLANNER.plan(BUNDLED, "medication-interaction", "-run2");

    assertEquals(
        List.of("medications", "patients"), plan.tables().stream().map(Feed::role).toList());
    assertEquals("medication-requests", plan.input().role());
    assertEquals(700, plan.inputCap());
    assertEquals("alerts.medication.bench-medication-interaction-run2", plan.output());
    assertTrue(
        compactedByTopic(plan)
            .get("healthstreams.interaction-knowledge.bench-medication-interaction-run2"),
        "the seeded knowledge table is provisioned, compacted, not loaded");
  }

  @Test
  void shouldPreloadOnlyTheInputsTheTimedOneDeclaresItNeeds() {
    BenchPlan plan = PLANNER.plan(BUNDLED, "canonical-sync", "");

    assertEquals("pharmacy-prescriptions", plan.input().role());
    assertEquals(
        List.of(new Feed("ehr-patients", "source.ehr.patient.bench-canonical-sync", PATIENTS)),
        plan.tables(),
        "its EHR Observations, sampled too, are not what prescriptions link against");
  }

  @Test
  void shouldOfferEveryBenchableTopologyWithThePassThroughFirst() {
    assertEquals("passthrough", PLANNER.benchable().get(0));
    assertTrue(PLANNER.benchable().containsAll(REGISTRY.names()), PLANNER.benchable()::toString);
    assertEquals(Optional.empty(), PLANNER.problem("observation-count"));
    assertTrue(PLANNER.problem("no-such-topology").orElseThrow().contains("observation-count"));

    BenchPlanner withTableOnly = new BenchPlanner(REGISTRY.with(new TableOnly()), COPIES, CAPS);
    assertTrue(withTableOnly.problem("table-only").orElseThrow().contains("no stream input"));
    assertFalse(withTableOnly.benchable().contains("table-only"));
  }

  @Test
  void shouldNameUnknownSamplesInTheCaps() {
    BenchPlanner planner =
        new BenchPlanner(REGISTRY, COPIES, new InputCaps(10, Map.of("Encounter", 5L)));

    assertEquals(1, planner.capProblems().size());
    assertTrue(planner.capProblems().get(0).contains("unknown sample 'Encounter'"));
    assertTrue(planner.capProblems().get(0).contains("MedicationRequest"));
    assertEquals(List.of(), PLANNER.capProblems());
  }

  private static Map<String, Boolean> compactedByTopic(BenchPlan plan) {
    return plan.topics().values().stream()
        .collect(Collectors.toMap(TopicSpec::name, TopicSpec::compacted));
  }

  private static List<String> lines(String resource) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(BenchPlanTest.class.getResourceAsStream(resource)),
                StandardCharsets.UTF_8))) {
      return in.lines().filter(line -> !line.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> subjects(List<String> json) {
    return json.stream().map(BenchPlanTest::subject).collect(Collectors.toSet());
  }

  private static List<String> subjects(Iterator<ScaledRecord> records) {
    List<String> out = new ArrayList<>();
    records.forEachRemaining(r -> out.add(subject(new String(r.value(), StandardCharsets.UTF_8))));
    return out;
  }

  private static String subject(String json) {
    try {
      return new ObjectMapper().readTree(json).at("/subject/reference").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A topology with nothing to time: a table input only. */
  private static final class TableOnly implements TopologyDefinition<Void> {
    @Override
    public String name() {
      return "table-only";
    }

    @Override
    public String description() {
      return "a table and nothing else";
    }

    @Override
    public List<TopicRole<?>> roles() {
      return List.of(
          TopicRole.tableInput("patients", ValueFormat.fhir("Patient"), "Patients")
              .withSample(PATIENTS),
          TopicRole.deadLetter());
    }

    @Override
    public SettingsReader<Void> settingsReader() {
      return node -> null;
    }

    @Override
    public Topology build(TopologyContext<Void> context) {
      return new Topology();
    }
  }
}
