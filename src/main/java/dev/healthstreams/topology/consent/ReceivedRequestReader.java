package dev.healthstreams.topology.consent;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Reads each access request as it arrives, at its record's time; a request that cannot be read
 * fails here, to the dead letters. Its {@link #serde()} carries a request over the repartition hop
 * as the bytes it arrived as, so the hop's topic holds what the input topic held.
 */
final class ReceivedRequestReader implements FixedKeyProcessor<String, byte[], ReceivedRequest> {
  private FixedKeyProcessorContext<String, ReceivedRequest> context;

  @Override
  public void init(FixedKeyProcessorContext<String, ReceivedRequest> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
    context.forward(record.withValue(ReceivedRequest.of(record.value(), record.timestamp())));
  }

  static Serde<ReceivedRequest> serde() {
    Serializer<ReceivedRequest> bytes =
        (topic, request) -> request == null ? null : request.bytes();
    Deserializer<ReceivedRequest> unread =
        (topic, data) -> data == null ? null : ReceivedRequest.unread(data);
    return Serdes.serdeFrom(bytes, unread);
  }
}
