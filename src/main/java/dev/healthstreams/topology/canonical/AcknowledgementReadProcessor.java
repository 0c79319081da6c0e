package dev.healthstreams.topology.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthstreams.errors.BadRecordException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads a target's acknowledgement {@code {entityType, entityId, version, syncTimestamp,
 * syncStatus, syncDetails}} from {@code target.<system>.sync.completed}; the target is the topic's
 * second segment. Keyed {@code entityType/entityId} for the reconciliation stage.
 */
final class AcknowledgementReadProcessor
    implements Processor<String, byte[], String, ReconciliationInput> {
  private final String target;
  private ProcessorContext<String, ReconciliationInput> context;

  AcknowledgementReadProcessor(String target) {
    this.target = target;
  }

  /** {@code target.pharmacy.sync.completed} is the pharmacy's; a name without one is refused. */
  static String targetOf(String topic) {
    String[] segments = topic.split("\\.");
    if (segments.length < 2 || segments[1].isBlank()) {
      throw new IllegalArgumentException(
          "acknowledgement topic " + topic + " names no target (target.<system>.sync.completed)");
    }
    return segments[1];
  }

  @Override
  public void init(ProcessorContext<String, ReconciliationInput> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (record.value() == null) {
      return; // a tombstone acknowledges nothing
    }
    SourceChange change = new SourceChangeReader().read(record.value());
    JsonNode ack = change.document();
    String entityType = text(ack, "entityType");
    String entityId = text(ack, "entityId");
    JsonNode version = ack.get("version");
    String status = text(ack, "syncStatus");
    if (entityType == null || entityId == null || version == null || !version.canConvertToLong()) {
      throw new BadRecordException(
          "bad-ack", "acknowledgement lacks entityType, entityId or version");
    }
    if (!ReconciliationTracker.SUCCESS.equals(status)
        && !ReconciliationTracker.FAILED.equals(status)) {
      throw new BadRecordException("bad-ack", "syncStatus is not success or failed");
    }
    Long at = syncTime(ack);
    ReconciliationInput input =
        new ReconciliationInput(
            entityType,
            entityId,
            version.asLong(),
            null,
            target,
            status,
            at == null ? record.timestamp() : at);
    context.forward(record.withKey(input.key()).withValue(input));
  }

  /**
   * ISO-8601 text, or epoch milliseconds as a number (what a JavaScript producer's {@code
   * Date.now()} writes); null when neither, and the record's timestamp stands in.
   */
  private static Long syncTime(JsonNode ack) {
    JsonNode time = ack.get("syncTimestamp");
    if (time != null && time.isIntegralNumber()) {
      return time.asLong();
    }
    return PharmacyPrescriptionMapper.instant(text(ack, "syncTimestamp"));
  }

  private static String text(JsonNode node, String field) {
    return PharmacyPrescriptionMapper.text(node, field);
  }
}
