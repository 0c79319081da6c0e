package dev.healthstreams.topology.support;

import dev.healthstreams.avro.EventMetadata;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.UUID;

/**
 * Builds the {@link EventMetadata} every output carries, for one topology and event type. Event ids
 * are name-based UUIDs of stable parts of the event, so a replay writes the same ids and a consumer
 * can de-duplicate on them.
 */
public final class EventMetadataFactory {
  static final int VERSION = 1;
  // One digest per thread: the JDK's name-based UUID looks one up on every call (see nameUuid).
  private static final ThreadLocal<MessageDigest> MD5 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every Java platform has MD5", e);
            }
          });

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
    return nameUuid(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /**
   * {@link UUID#nameUUIDFromBytes}, on a digest kept per thread: the JDK's looks up a new MD5
   * {@link MessageDigest} through the security providers on every call, about 5 % of a consent
   * decision's CPU.
   */
  static UUID nameUuid(byte[] name) {
    byte[] md5 = MD5.get().digest(name);
    md5[6] = (byte) ((md5[6] & 0x0f) | 0x30); // version 3: name-based, MD5
    md5[8] = (byte) ((md5[8] & 0x3f) | 0x80); // the IETF variant
    return new UUID(ByteBuffer.wrap(md5, 0, 8).getLong(), ByteBuffer.wrap(md5, 8, 8).getLong());
  }
}
