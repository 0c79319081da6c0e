package dev.healthstreams.topology.alerting;

import dev.healthstreams.avro.ClinicalAlert;
import dev.healthstreams.fhir.ObservationFacts;
import dev.healthstreams.topology.support.EventMetadataFactory;
import dev.healthstreams.topology.support.PatientEnrichment;
import java.time.Instant;

/** Turns a rule firing into the ClinicalAlert the topology writes, and enriches it. */
final class ClinicalAlerts {
  static final String EVENT_TYPE = "ClinicalAlert";

  static final PatientEnrichment<ClinicalAlert> PATIENT =
      PatientEnrichment.of(
          (alert, name, mrn, birthDate) ->
              ClinicalAlert.newBuilder(alert)
                  .setPatientName(name)
                  .setPatientMrn(mrn)
                  .setPatientBirthDate(birthDate)
                  .build());

  private ClinicalAlerts() {}

  static EventMetadataFactory metadata(String topology) {
    return new EventMetadataFactory(topology, EVENT_TYPE);
  }

  /**
   * @param correlationId from the input, or null: the Observation then stands in for it
   */
  static ClinicalAlert fromFiring(
      EventMetadataFactory metadata,
      ObservationFacts observation,
      String patientId,
      Evaluation.Firing firing,
      String correlationId,
      long recordTimestamp) {
    AlertRule rule = firing.rule();
    String alertId = observation.id() + ":" + rule.id();
    long eventTime =
        observation.effectiveTime() != null ? observation.effectiveTime() : recordTimestamp;
    return ClinicalAlert.newBuilder()
        .setMetadata(
            metadata.create(
                EventMetadataFactory.eventId(alertId, contentKey(firing)),
                correlationId,
                "Observation/" + observation.id(),
                eventTime))
        .setAlertId(alertId)
        .setRuleId(rule.id())
        .setObservationId(observation.id())
        .setPatientId(patientId)
        .setCode(firing.matched().system() + "|" + firing.matched().code())
        .setCodeDisplay(firing.matched().display())
        .setSeverity(dev.healthstreams.avro.Severity.valueOf(rule.severity().name()))
        .setDescription(rule.description())
        .setComparator(rule.comparator().name().toLowerCase(java.util.Locale.ROOT))
        .setThreshold(rule.threshold())
        .setValue(firing.value())
        .setUnit(firing.unit())
        .setStatus(observation.status())
        .setEffectiveTime(
            observation.effectiveTime() == null
                ? null
                : Instant.ofEpochMilli(observation.effectiveTime()))
        .build();
  }

  /**
   * What makes two firings of the same alert id the same alert: a re-sent Observation with the same
   * value is a duplicate; a corrected value is news.
   */
  static String contentKey(Evaluation.Firing firing) {
    return firing.value() + "|" + firing.unit() + "|" + firing.rule().severity();
  }

  static String contentKey(ClinicalAlert alert) {
    return alert.getValue() + "|" + alert.getUnit() + "|" + alert.getSeverity();
  }

  static long eventTime(ClinicalAlert alert) {
    return alert.getEffectiveTime() != null
        ? alert.getEffectiveTime().toEpochMilli()
        : alert.getMetadata().getTimestamp().toEpochMilli();
  }
}
