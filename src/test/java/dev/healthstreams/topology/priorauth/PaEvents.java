package dev.healthstreams.topology.priorauth;

import dev.healthstreams.avro.PriorAuthDrugInfo;
import dev.healthstreams.avro.PriorAuthEventMetadata;
import dev.healthstreams.avro.PriorAuthEventSecurity;
import dev.healthstreams.avro.PriorAuthStatusChanged;
import dev.healthstreams.avro.PriorAuthStatusPayload;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Fixture events: {@code PaEvents.of("pa-1", "e1", "SUBMITTED", t).urgent().build()}. */
final class PaEvents {
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  static final long HOUR = Duration.ofHours(1).toMillis();
  static final long DAY = Duration.ofDays(1).toMillis();

  private final PriorAuthStatusPayload.Builder payload;
  private final String eventId;
  private String correlationId = "corr-1";

  private PaEvents(String pa, String eventId, String status, long statusTimestamp) {
    this.eventId = eventId;
    this.payload =
        PriorAuthStatusPayload.newBuilder()
            .setPriorAuthId(pa)
            .setStatus(status)
            .setStatusTimestamp(statusTimestamp)
            .setPayerId("payer-a")
            .setPatientId("patient-1")
            .setProviderId("provider-1")
            .setPrescriptionId("rx-1")
            .setDrugInfo(
                new PriorAuthDrugInfo(
                    "http://www.nlm.nih.gov/research/umls/rxnorm", "1049221", "oxycodone"))
            .setFormId("form-1")
            .setUrgent(false)
            .setNotes(null)
            .setExternalReferences(Map.of("x12", "ref-1"))
            .setExtension(null);
  }

  /** An event stamped {@code at} ms after {@link #T0}. */
  static PaEvents of(String pa, String eventId, String status, long at) {
    return new PaEvents(pa, eventId, status, T0.toEpochMilli() + at);
  }

  static PriorAuthStatusChanged event(String pa, String eventId, String status, long at) {
    return of(pa, eventId, status, at).build();
  }

  PaEvents urgent() {
    payload.setUrgent(true);
    return this;
  }

  PaEvents payer(String payer) {
    payload.setPayerId(payer);
    return this;
  }

  PaEvents patient(String patient) {
    payload.setPatientId(patient);
    return this;
  }

  PaEvents provider(String provider) {
    payload.setProviderId(provider);
    return this;
  }

  PaEvents extension(String extension) {
    payload.setExtension(extension);
    return this;
  }

  PaEvents reason(String reason) {
    payload.setStatusReason(reason);
    return this;
  }

  PaEvents correlation(String id) {
    correlationId = id;
    return this;
  }

  PaEvents without(String field) {
    switch (field) {
      case "priorAuthId" -> payload.setPriorAuthId(null);
      case "status" -> payload.setStatus(null);
      case "statusTimestamp" -> payload.setStatusTimestamp(null);
      default -> throw new IllegalArgumentException(field);
    }
    return this;
  }

  PriorAuthStatusChanged build() {
    String status = payload.getStatus() == null ? "unknown" : payload.getStatus();
    return new PriorAuthStatusChanged(
        new PriorAuthEventMetadata(
            eventId,
            "priorauth.status." + status.toLowerCase(java.util.Locale.ROOT),
            "pa-workflow",
            correlationId,
            payload.getStatusTimestamp() == null ? 0L : payload.getStatusTimestamp(),
            "1.0.0",
            new PriorAuthEventSecurity("svc-workflow", "tenant-1")),
        payload.build());
  }
}
