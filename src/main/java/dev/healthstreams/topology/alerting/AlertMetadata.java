package dev.healthstreams.topology.alerting;

import dev.healthstreams.avro.EventMetadata;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Builds the metadata of an alert: deterministic ids so a replay writes the same event ids. */
final class AlertMetadata {
  static final String EVENT_TYPE = "ClinicalAlert";

  private AlertMetadata() {}

  static EventMetadata of(
      String topology,
      String alertId,
      String contentKey,
      String correlationId,
      String causationId,
      long timestamp) {
    String eventId =
        UUID.nameUUIDFromBytes((alertId + "|" + contentKey).getBytes(StandardCharsets.UTF_8))
            .toString();
    return EventMetadata.newBuilder()
        .setEventId(eventId)
        .setEventType(EVENT_TYPE)
        .setEventSource("healthstreams/" + topology)
        .setCorrelationId(correlationId)
        .setCausationId(causationId)
        .setTimestamp(java.time.Instant.ofEpochMilli(timestamp))
        .setVersion(1)
        .build();
  }
}
