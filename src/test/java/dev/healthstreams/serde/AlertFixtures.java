package dev.healthstreams.serde;

import dev.healthstreams.avro.ClinicalAlert;
import dev.healthstreams.avro.EventMetadata;
import dev.healthstreams.avro.Severity;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Clinical alerts and schema variants for serde tests. */
final class AlertFixtures {
  static final long EFFECTIVE_MILLIS = 1_700_000_000_123L;
  static final long EVENT_MILLIS = 1_700_000_005_000L;

  private AlertFixtures() {}

  static ClinicalAlert heartRateAlert() {
    return ClinicalAlert.newBuilder()
        .setMetadata(
            EventMetadata.newBuilder()
                .setEventId("evt-1")
                .setEventType("ClinicalAlert")
                .setEventSource("healthstreams/observation-alerting")
                .setCorrelationId("corr-1")
                .setCausationId("Observation/obs-1")
                .setTimestamp(Instant.ofEpochMilli(EVENT_MILLIS))
                .build())
        .setAlertId("obs-1:hr-high")
        .setRuleId("hr-high")
        .setObservationId("obs-1")
        .setPatientId("pat-1")
        .setCode("http://loinc.org|8867-4")
        .setCodeDisplay("Heart rate")
        .setSeverity(Severity.HIGH)
        .setDescription("Heart rate above 120")
        .setComparator("gt")
        .setThreshold(120.0)
        .setValue(134.0)
        .setUnit(null)
        .setStatus("final")
        .setEffectiveTime(Instant.ofEpochMilli(EFFECTIVE_MILLIS))
        .setPatientName("Jane Placeholder")
        .setPatientMrn("MRN-0001")
        .setPatientBirthDate("1970-01-01")
        .build();
  }

  /** ClinicalAlert's schema as it was before the optional {@code codeDisplay} field existed. */
  static Schema alertSchemaWithoutCodeDisplay() {
    Schema current = ClinicalAlert.getClassSchema();
    List<Schema.Field> fields =
        current.getFields().stream()
            .filter(field -> !field.name().equals("codeDisplay"))
            .map(field -> new Schema.Field(field, field.schema()))
            .collect(Collectors.toList());
    return Schema.createRecord(
        current.getName(), current.getDoc(), current.getNamespace(), false, fields);
  }

  /** ClinicalAlert plus a required field without default: breaks BACKWARD compatibility. */
  static Schema alertSchemaWithRequiredWard() {
    Schema current = ClinicalAlert.getClassSchema();
    List<Schema.Field> fields =
        current.getFields().stream()
            .map(field -> new Schema.Field(field, field.schema()))
            .collect(Collectors.toList());
    fields.add(new Schema.Field("ward", SchemaBuilder.builder().stringType()));
    return Schema.createRecord(
        current.getName(), current.getDoc(), current.getNamespace(), false, fields);
  }

  /** The heart-rate alert written as a generic record of {@code schema} (old or new layout). */
  static GenericRecord genericAlert(Schema schema) {
    Schema metadataSchema = schema.getField("metadata").schema();
    GenericRecord metadata = new GenericData.Record(metadataSchema);
    metadata.put("eventId", "evt-1");
    metadata.put("eventType", "ClinicalAlert");
    metadata.put("eventSource", "healthstreams/observation-alerting");
    metadata.put("correlationId", "corr-1");
    metadata.put("causationId", "Observation/obs-1");
    metadata.put("timestamp", EVENT_MILLIS);
    metadata.put("version", 1);
    GenericRecord alert = new GenericData.Record(schema);
    alert.put("metadata", metadata);
    alert.put("alertId", "obs-1:hr-high");
    alert.put("ruleId", "hr-high");
    alert.put("observationId", "obs-1");
    alert.put("patientId", "pat-1");
    alert.put("code", "http://loinc.org|8867-4");
    alert.put("severity", new GenericData.EnumSymbol(schema.getField("severity").schema(), "HIGH"));
    alert.put("description", "Heart rate above 120");
    alert.put("comparator", "gt");
    alert.put("threshold", 120.0);
    alert.put("value", 134.0);
    alert.put("status", "final");
    alert.put("effectiveTime", EFFECTIVE_MILLIS);
    alert.put("patientName", "Jane Placeholder");
    alert.put("patientMrn", "MRN-0001");
    alert.put("patientBirthDate", "1970-01-01");
    return alert;
  }
}
