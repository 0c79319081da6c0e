package dev.healthstreams.topology.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.healthstreams.avro.ClinicalAlert;
import dev.healthstreams.avro.EventMetadata;
import dev.healthstreams.testkit.ProcessorStores;
import dev.healthstreams.topology.support.ExpiringEntryStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert gate across a restart: its two persistent stores are closed as a task closes and opened
 * again on the same directory, possibly under a changed rule set (which changes the suppression
 * store's retention), and what it remembered still holds.
 */
class AlertGateRestartTest {
  private static final String TOPOLOGY = ObservationAlertingTopology.NAME;
  private static final Instant T0 = Instant.parse("2024-04-17T10:15:00Z");
  private static final Instant ARRIVAL = Instant.parse("2024-04-17T10:20:00Z");

  private static final AlertRule TACHYCARDIA =
      rule("tachycardia", Comparator.GT, 120, Severity.HIGH, Duration.ofMinutes(30), "hr-high");
  private static final AlertRule BRADYCARDIA =
      rule("bradycardia", Comparator.LT, 50, Severity.MEDIUM, null, null);
  private static final AlertRule FEVER =
      rule("fever", Comparator.GT, 38, Severity.MEDIUM, null, null);
  private static final AlertRule FEVER_SUPPRESSED_TWO_HOURS =
      rule("fever", Comparator.GT, 38, Severity.MEDIUM, Duration.ofHours(2), null);

  @TempDir Path stateDir;
  @TempDir Path otherStateDir;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private ProcessorStores stores;
  private MockProcessorContext<String, ClinicalAlert> context;
  private AlertGateProcessor gate;

  @AfterEach
  void closeStores() {
    if (stores != null) {
      stores.close();
    }
    meters.close();
  }

  @Test
  void shouldDropARepeatedAlertAfterARestartWithAnExtraRuleAndLetTheNewRuleThrough() {
    ClinicalAlert bradycardia = alert("hr-1", BRADYCARDIA, 40, T0);
    start(stateDir, Duration.ofDays(7), TACHYCARDIA, BRADYCARDIA);
    pipe(bradycardia, ARRIVAL);
    pipe(alert("hr-0", TACHYCARDIA, 130, T0), ARRIVAL);
    assertEquals(List.of("hr-1:bradycardia", "hr-0:tachycardia"), forwardedIds());

    restart(stateDir, Duration.ofDays(7), TACHYCARDIA, BRADYCARDIA, FEVER);
    pipe(bradycardia, ARRIVAL.plus(Duration.ofMinutes(5)));
    pipe(alert("t-1", FEVER, 39.5, T0), ARRIVAL.plus(Duration.ofMinutes(6)));

    assertEquals(List.of("t-1:fever"), forwardedIds());
    assertEquals(1.0, dropped("duplicate"));
  }

  @Test
  void shouldStillLetACorrectedValueThroughAfterARestart() {
    start(stateDir, Duration.ofDays(7), TACHYCARDIA, BRADYCARDIA);
    pipe(alert("hr-1", BRADYCARDIA, 40, T0), ARRIVAL);
    forwardedIds();

    restart(stateDir, Duration.ofDays(7), TACHYCARDIA, BRADYCARDIA);
    pipe(alert("hr-1", BRADYCARDIA, 38, T0), ARRIVAL.plus(Duration.ofMinutes(5)));

    assertEquals(List.of("hr-1:bradycardia"), forwardedIds());
    assertEquals(0.0, dropped("duplicate"));
  }

  @Test
  void shouldKeepSuppressingAfterARestartWithAnExtraRule() {
    start(stateDir, Duration.ofDays(7), TACHYCARDIA, BRADYCARDIA);
    pipe(alert("hr-1", TACHYCARDIA, 130, T0), ARRIVAL);
    assertEquals(List.of("hr-1:tachycardia"), forwardedIds());

    restart(stateDir, Duration.ofDays(7), TACHYCARDIA, BRADYCARDIA, FEVER);
    pipe(
        alert("hr-2", TACHYCARDIA, 130, T0.plus(Duration.ofMinutes(10))),
        ARRIVAL.plus(Duration.ofMinutes(10)));

    assertEquals(List.of(), forwardedIds());
    assertEquals(1.0, dropped("suppressed"));
    assertEquals(1, suppressionEntries("p1|hr-high"));
  }

  /**
   * With a short dedup window the suppression store's retention is the longest suppress-for: a new
   * rule of two hours lengthens it (and the reach of its lookups) while the entries written under
   * the old one are still on disk.
   */
  @Test
  void shouldKeepSuppressingAfterARestartThatLengthensTheSuppressionRetention() {
    Duration dedup = Duration.ofMinutes(10);
    start(stateDir, dedup, TACHYCARDIA, BRADYCARDIA);
    pipe(alert("hr-1", TACHYCARDIA, 130, T0), ARRIVAL);
    assertEquals(List.of("hr-1:tachycardia"), forwardedIds());

    restart(stateDir, dedup, TACHYCARDIA, BRADYCARDIA, FEVER_SUPPRESSED_TWO_HOURS);
    pipe(
        alert("hr-2", TACHYCARDIA, 130, T0.plus(Duration.ofMinutes(10))),
        ARRIVAL.plus(Duration.ofMinutes(10)));

    assertEquals(List.of(), forwardedIds());
    assertEquals(1, suppressionEntries("p1|hr-high"));
  }

  /**
   * At-least-once after a crash: the stores come back with the entry of an alert whose own write
   * never reached the output, and the input is read again from the last commit. The very record
   * read again goes through once more (a duplicate downstream, which at-least-once allows, rather
   * than a loss); a re-delivery at a later offset is still dropped.
   */
  @Test
  void shouldLetTheSameRecordReadAgainAfterACrashThroughAndStillDropALaterRedelivery() {
    ClinicalAlert bradycardia = alert("hr-1", BRADYCARDIA, 40, T0);
    start(stateDir, Duration.ofDays(7), TACHYCARDIA, BRADYCARDIA);
    pipeAt(10, bradycardia, ARRIVAL);
    assertEquals(List.of("hr-1:bradycardia"), forwardedIds());

    restart(stateDir, Duration.ofDays(7), TACHYCARDIA, BRADYCARDIA);
    pipeAt(10, bradycardia, ARRIVAL);
    pipeAt(11, bradycardia, ARRIVAL.plus(Duration.ofMinutes(1)));

    assertEquals(List.of("hr-1:bradycardia"), forwardedIds());
    assertEquals(1.0, dropped("duplicate"));
  }

  /**
   * Suppression read again after a crash: an alert is not suppressed by its own entry, nor by that
   * of a later, more severe alert of the group (which, read in order, came after it); an alert that
   * the first suppressed is suppressed again.
   */
  @Test
  void shouldSuppressAsBeforeWhenRecordsAreReadAgainAfterACrash() {
    AlertRule severe =
        rule(
            "tachycardia-severe",
            Comparator.GT,
            150,
            Severity.CRITICAL,
            Duration.ofMinutes(30),
            "hr-high");
    ClinicalAlert first = alert("hr-1", TACHYCARDIA, 130, T0);
    ClinicalAlert repeat = alert("hr-2", TACHYCARDIA, 131, T0.plus(Duration.ofMinutes(5)));
    ClinicalAlert worse = alert("hr-3", severe, 160, T0.plus(Duration.ofMinutes(10)));
    start(stateDir, Duration.ofDays(7), TACHYCARDIA, severe);
    pipeAt(10, first, ARRIVAL);
    pipeAt(11, repeat, ARRIVAL.plus(Duration.ofMinutes(5)));
    pipeAt(12, worse, ARRIVAL.plus(Duration.ofMinutes(10)));
    List<String> inOrder = List.of("hr-1:tachycardia", "hr-3:tachycardia-severe");
    assertEquals(inOrder, forwardedIds());

    restart(stateDir, Duration.ofDays(7), TACHYCARDIA, severe);
    pipeAt(10, first, ARRIVAL);
    pipeAt(11, repeat, ARRIVAL.plus(Duration.ofMinutes(5)));
    pipeAt(12, worse, ARRIVAL.plus(Duration.ofMinutes(10)));

    assertEquals(inOrder, forwardedIds());
    assertEquals(2.0, dropped("suppressed"));
  }

  /** The control: on another state directory the same alert goes through again. */
  @Test
  void shouldLetARepeatThroughWhenTheStateDirectoryIsLost() {
    ClinicalAlert bradycardia = alert("hr-1", BRADYCARDIA, 40, T0);
    start(stateDir, Duration.ofDays(7), TACHYCARDIA, BRADYCARDIA);
    pipe(bradycardia, ARRIVAL);
    assertEquals(List.of("hr-1:bradycardia"), forwardedIds());

    restart(otherStateDir, Duration.ofDays(7), TACHYCARDIA, BRADYCARDIA, FEVER);
    pipe(bradycardia, ARRIVAL.plus(Duration.ofMinutes(5)));

    assertEquals(List.of("hr-1:bradycardia"), forwardedIds());
  }

  /** The gate over its stores as the topology declares them (names, windows, retentions). */
  private void start(Path dir, Duration dedupWindow, AlertRule... rules) {
    Map<String, AlertRule> byId =
        List.of(rules).stream().collect(Collectors.toMap(AlertRule::id, Function.identity()));
    AlertingMetrics metrics = new AlertingMetrics(TOPOLOGY, meters);
    stores =
        ProcessorStores.open(
            dir,
            AlertGateProcessor.supplier(dedupWindow, byId, metrics)
                .stores()
                .toArray(StoreBuilder<?>[]::new));
    gate = new AlertGateProcessor(dedupWindow, byId, metrics);
    context = stores.context();
    gate.init(context);
  }

  private void restart(Path dir, Duration dedupWindow, AlertRule... rules) {
    gate.close();
    stores.close();
    start(dir, dedupWindow, rules);
  }

  private void pipe(ClinicalAlert alert, Instant arrival) {
    gate.process(new Record<>(alert.getPatientId(), alert, arrival.toEpochMilli()));
  }

  /** As read from partition 0 of the gate's input at {@code offset}. */
  private void pipeAt(long offset, ClinicalAlert alert, Instant arrival) {
    context.setRecordMetadata("alerts-by-patient", 0, offset);
    pipe(alert, arrival);
  }

  private List<String> forwardedIds() {
    return ProcessorStores.takeForwarded(context).stream()
        .map(r -> r.value().getAlertId())
        .toList();
  }

  private double dropped(String reason) {
    Counter counter =
        meters
            .find("healthstreams.alerts.dropped")
            .tags("topology", TOPOLOGY, "reason", reason)
            .counter();
    return counter == null ? 0.0 : counter.count();
  }

  private int suppressionEntries(String key) {
    KeyValueStore<String, List<ExpiringEntryStore.Entry>> store =
        context.getStateStore(AlertGateProcessor.SUPPRESSION_STORE);
    int count = 0;
    try (KeyValueIterator<String, List<ExpiringEntryStore.Entry>> it = store.all()) {
      while (it.hasNext()) {
        var next = it.next();
        if (key.equals(ExpiringEntryStore.keyOf(next.key))) {
          count += next.value.size();
        }
      }
    }
    return count;
  }

  private static AlertRule rule(
      String id,
      Comparator comparator,
      double threshold,
      Severity severity,
      Duration suppressFor,
      String group) {
    String code = id.equals("fever") ? "8310-5" : "8867-4";
    return new AlertRule(
        id,
        "http://loinc.org",
        code,
        comparator,
        threshold,
        null,
        severity,
        id,
        suppressFor,
        group);
  }

  /** The alert the evaluator makes for Observation {@code obsId} of patient p1 firing a rule. */
  private static ClinicalAlert alert(
      String obsId, AlertRule rule, double value, Instant effective) {
    String alertId = obsId + ":" + rule.id();
    return ClinicalAlert.newBuilder()
        .setMetadata(
            EventMetadata.newBuilder()
                .setEventId("evt-" + alertId)
                .setEventType("ClinicalAlert")
                .setEventSource("healthstreams/" + TOPOLOGY)
                .setCorrelationId("Observation/" + obsId)
                .setCausationId("Observation/" + obsId)
                .setTimestamp(effective)
                .build())
        .setAlertId(alertId)
        .setRuleId(rule.id())
        .setObservationId(obsId)
        .setPatientId("p1")
        .setCode(rule.codeKey())
        .setCodeDisplay(null)
        .setSeverity(dev.healthstreams.avro.Severity.valueOf(rule.severity().name()))
        .setDescription(rule.description())
        .setComparator(rule.comparator().name().toLowerCase(java.util.Locale.ROOT))
        .setThreshold(rule.threshold())
        .setValue(value)
        .setUnit(null)
        .setStatus("final")
        .setEffectiveTime(effective)
        .build();
  }
}
