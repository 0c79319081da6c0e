package dev.healthstreams.topology.consent;

import dev.healthstreams.avro.PatientConsentEvent;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Platform consent events as changes, taking effect at their record time. */
final class ConsentEventProcessor
    implements FixedKeyProcessor<String, PatientConsentEvent, ConsentChange> {
  private FixedKeyProcessorContext<String, ConsentChange> context;

  @Override
  public void init(FixedKeyProcessorContext<String, ConsentChange> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, PatientConsentEvent> record) {
    if (record.value() == null) {
      return;
    }
    context.forward(record.withValue(ConsentEventMapper.map(record.value(), record.timestamp())));
  }
}
