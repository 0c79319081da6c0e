package dev.healthstreams.topology.alerting;

import dev.healthstreams.avro.ClinicalAlert;
import dev.healthstreams.avro.PatientSummary;
import dev.healthstreams.fhir.ObservationFacts;
import java.time.Duration;
import java.util.Collection;

/**
 * What the Flink peer of this topology (dev.healthstreams.flink, built only under the Maven profile
 * {@code flink}) reuses of the package's own classes, so that both engines write the same alerts:
 * the alert a firing becomes, its enrichment, what makes two alerts the same, the time suppression
 * measures and how long its state is kept. Plain delegation, no engine: it lives beside the peer in
 * src/flink so the shipped package does not grow for it.
 */
public final class AlertingPeerSupport {
  private AlertingPeerSupport() {}

  /** The alert of one firing, as {@code ObservationEvaluationProcessor} forwards it. */
  public static ClinicalAlert fromFiring(
      ObservationFacts observation,
      String patientId,
      Evaluation.Firing firing,
      String correlationId,
      long recordTimestamp) {
    return ClinicalAlerts.fromFiring(
        ClinicalAlerts.metadata(ObservationAlertingTopology.NAME),
        observation,
        patientId,
        firing,
        correlationId,
        recordTimestamp);
  }

  /** The alert with the patient's fields; as it was when the patient is not known yet. */
  public static ClinicalAlert enrich(ClinicalAlert alert, PatientSummary patient) {
    return ClinicalAlerts.PATIENT.enrich(alert, patient);
  }

  /** What makes a re-delivered alert the same alert (value, unit, severity). */
  public static String contentKey(ClinicalAlert alert) {
    return ClinicalAlerts.contentKey(alert);
  }

  /** The event time suppression measures an alert by. */
  public static long eventTime(ClinicalAlert alert) {
    return ClinicalAlerts.eventTime(alert);
  }

  /** How long (arrival time) the gate keeps an emitted alert's suppression state. */
  public static Duration suppressionRetention(Collection<AlertRule> rules, Duration dedupWindow) {
    return AlertGateProcessor.suppressionRetention(rules, dedupWindow);
  }

  public static String encode(SuppressionState state) {
    return SuppressionStates.encode(state);
  }

  public static SuppressionState decode(String state) {
    return SuppressionStates.decode(state);
  }
}
