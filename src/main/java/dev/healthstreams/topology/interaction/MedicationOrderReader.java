package dev.healthstreams.topology.interaction;

import dev.healthstreams.avro.MedicationOrder;
import dev.healthstreams.topology.support.Correlation;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Reads a MedicationRequest into the order the table keeps. Tables keep no headers, so a
 * correlation id sent as the {@code correlation-id} header is taken into the order here.
 */
final class MedicationOrderReader implements FixedKeyProcessor<String, byte[], MedicationOrder> {
  private final MedicationOrders orders = new MedicationOrders();
  private FixedKeyProcessorContext<String, MedicationOrder> context;

  @Override
  public void init(FixedKeyProcessorContext<String, MedicationOrder> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
    MedicationOrder order = orders.fromRequest(record.key(), record.value());
    if (order != null) {
      order.setCorrelationId(Correlation.id(order.getCorrelationId(), record.headers()));
    }
    context.forward(record.withValue(order));
  }
}
