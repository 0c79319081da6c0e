package dev.healthstreams.topology.interaction;

import dev.healthstreams.avro.MedicationOrder;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Reads a MedicationRequest into the order the table keeps. Tables keep no headers, so a
 * correlation id sent as the {@code correlation-id} header is taken into the order here.
 */
final class MedicationOrderReader implements FixedKeyProcessor<String, byte[], MedicationOrder> {
  static final String CORRELATION_HEADER = "correlation-id";

  private final MedicationOrders orders = new MedicationOrders();
  private FixedKeyProcessorContext<String, MedicationOrder> context;

  @Override
  public void init(FixedKeyProcessorContext<String, MedicationOrder> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
    MedicationOrder order = orders.fromRequest(record.key(), record.value());
    if (order != null && order.getCorrelationId() == null) {
      Header header = record.headers().lastHeader(CORRELATION_HEADER);
      if (header != null && header.value() != null) {
        order.setCorrelationId(new String(header.value(), StandardCharsets.UTF_8));
      }
    }
    context.forward(record.withValue(order));
  }
}
