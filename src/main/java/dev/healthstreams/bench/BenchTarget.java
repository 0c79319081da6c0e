package dev.healthstreams.bench;

import dev.healthstreams.topology.alerting.ObservationAlertingTopology;
import dev.healthstreams.topology.interaction.MedicationInteractionTopology;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * What the bench feeds one topology: the stream role it times, the output role it reads latency on,
 * and the table roles it loads first, each from the scaled sample.
 */
public record BenchTarget(
    String topology, String inputRole, String outputRole, List<String> tableRoles, Kind kind) {

  /** Which scaled stream feeds the input role. */
  public enum Kind {
    OBSERVATIONS,
    MEDICATION_REQUESTS
  }

  public static final List<BenchTarget> ALL =
      List.of(
          new BenchTarget(
              PassthroughTopology.NAME,
              PassthroughTopology.OBSERVATIONS.name(),
              PassthroughTopology.OUTPUT.name(),
              List.of(),
              Kind.OBSERVATIONS),
          new BenchTarget(
              "observation-alerting",
              ObservationAlertingTopology.OBSERVATIONS.name(),
              ObservationAlertingTopology.ALERTS.name(),
              List.of(ObservationAlertingTopology.PATIENTS.name()),
              Kind.OBSERVATIONS),
          new BenchTarget(
              "medication-interaction",
              MedicationInteractionTopology.REQUESTS.name(),
              MedicationInteractionTopology.ALERTS.name(),
              List.of(
                  MedicationInteractionTopology.PATIENTS.name(),
                  MedicationInteractionTopology.MEDICATIONS.name()),
              Kind.MEDICATION_REQUESTS));

  public static Optional<BenchTarget> byName(String name) {
    return ALL.stream().filter(t -> t.topology.equals(name)).findFirst();
  }

  public static List<String> names() {
    return ALL.stream().map(BenchTarget::topology).toList();
  }

  /** The input stream of copies {@code [from, to)}, at most {@code cap} records. */
  Iterator<ScaledRecord> input(InputScaler scaler, int from, int to, long cap) {
    return kind == Kind.OBSERVATIONS
        ? scaler.observations(from, to, cap)
        : scaler.medicationRequests(from, to, cap);
  }

  long inputCount(InputScaler scaler, int from, int to, long cap) {
    return kind == Kind.OBSERVATIONS
        ? scaler.observationCount(from, to, cap)
        : scaler.requestCount(from, to, cap);
  }

  /** A table role's records for copies {@code [from, to)}. */
  static Iterator<ScaledRecord> table(String role, InputScaler scaler, int from, int to) {
    return switch (role) {
      case "patients" -> scaler.patients(from, to);
      case "medications" -> scaler.medications(from, to);
      default -> throw new IllegalArgumentException("no generator for table role " + role);
    };
  }
}
