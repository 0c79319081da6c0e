package dev.healthstreams.jmh;

import dev.healthstreams.fhir.ObservationFacts;
import dev.healthstreams.fhir.ObservationReader;
import dev.healthstreams.topology.alerting.AlertEvaluator;
import dev.healthstreams.topology.alerting.AlertingSettings;
import dev.healthstreams.topology.alerting.UnitConverter;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The default clinical rules of topologies.yaml applied to one Observation, over the facts of the
 * real Synthea records read beforehand: the realistic mix, where most Observations concern no rule
 * ({@link #evaluateAll}), and the Observations that some rule's code names ({@link
 * #evaluateRuleCoded}: unit conversion and comparison on every one).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AlertEvaluationBenchmark {

  private AlertEvaluator evaluator;
  private ObservationFacts[] all;
  private ObservationFacts[] ruleCoded;
  private int nextAll;
  private int nextRuleCoded;

  @Setup
  public void setUp() {
    AlertingSettings settings = BenchmarkConfig.alertingSettings();
    evaluator = new AlertEvaluator(settings, UnitConverter.shared());
    ObservationReader reader = new ObservationReader();
    all =
        SampleObservations.loadBytes().stream().map(reader::read).toArray(ObservationFacts[]::new);
    Set<String> ruleCodes =
        settings.rules().stream()
            .map(rule -> rule.system() + "|" + rule.code())
            .collect(Collectors.toSet());
    ruleCoded =
        Arrays.stream(all)
            .filter(
                facts ->
                    facts.elements().stream()
                        .flatMap(element -> element.codings().stream())
                        .anyMatch(
                            coding -> ruleCodes.contains(coding.system() + "|" + coding.code())))
            .toArray(ObservationFacts[]::new);
    if (ruleCoded.length == 0) {
      throw new IllegalStateException("no sample Observation concerns a default rule");
    }
  }

  @Benchmark
  public void evaluateAll(Blackhole blackhole) {
    int index = nextAll;
    nextAll = index + 1 == all.length ? 0 : index + 1;
    blackhole.consume(evaluator.evaluate(all[index]));
  }

  @Benchmark
  public void evaluateRuleCoded(Blackhole blackhole) {
    int index = nextRuleCoded;
    nextRuleCoded = index + 1 == ruleCoded.length ? 0 : index + 1;
    blackhole.consume(evaluator.evaluate(ruleCoded[index]));
  }
}
