package dev.healthstreams.topology.support;

import dev.healthstreams.avro.EventMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Builds the {@link EventMetadata} every output carries, for one topology and event type. Event ids
 * are name-based UUIDs of stable parts of the event, so a replay writes the same ids and a consumer
 * can de-duplicate on them.
 */
public final class EventMetadataFactory {
  static final int VERSION = 1;

  private final String eventType;
  private final String eventSource;

  public EventMetadataFactory(String topology, String eventType) {
    this.eventType = eventType;
    this.eventSource = "healthstreams/" + topology;
  }

  /**
   * The metadata of one event. Without a correlation id the cause stands in for it, so every output
   * can still be traced to the input that started it.
   *
   * @param eventId from {@link #eventId}
   */
  public EventMetadata create(
      String eventId, String correlationId, String causationId, long timestamp) {
    return EventMetadata.newBuilder()
        .setEventId(eventId)
        .setEventType(eventType)
        .setEventSource(eventSource)
        .setCorrelationId(correlationId != null ? correlationId : causationId)
        .setCausationId(causationId)
        .setTimestamp(Instant.ofEpochMilli(timestamp))
        .setVersion(VERSION)
        .build();
  }

  /**
   * A name-based (type 3) UUID of the parts joined with {@code |}. The join is part of the id:
   * changing it would change every id a replay writes.
   */
  public static String eventId(String first, String... more) {
    String name = more.length == 0 ? first : first + "|" + String.join("|", more);
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
