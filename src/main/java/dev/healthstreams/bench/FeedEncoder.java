package dev.healthstreams.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.bench.BenchPlan.Feed;
import dev.healthstreams.serde.AvroFromJson;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.RecordJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What a fed topic carries: FHIR and JSON sample lines as they are; an Avro role's lines (the
 * record as {@code tail} prints it, bare or in a whole {@code tail} line, as {@code backtest} reads
 * it) converted through its schema into the Confluent wire format. The conversion runs in the
 * loader as records are sent, like a producer's serializer would.
 */
final class FeedEncoder {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AvroSerdes avro;

  FeedEncoder(AvroSerdes avro) {
    this.avro = avro;
  }

  @SuppressWarnings("unchecked")
  Iterator<ScaledRecord> encode(Feed feed, Iterator<ScaledRecord> records) {
    if (feed.avro() == null) {
      return records;
    }
    Class<? extends SpecificRecord> type = feed.avro();
    Serializer<SpecificRecord> serializer =
        (Serializer<SpecificRecord>) avro.specific(type).serializer();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public ScaledRecord next() {
        ScaledRecord line = records.next();
        try {
          JsonNode json = RecordJson.valueOf(JSON.readTree(line.value()));
          SpecificRecord value = AvroFromJson.read(json, type);
          return new ScaledRecord(line.key(), serializer.serialize(feed.topic(), value));
        } catch (IOException e) {
          throw new UncheckedIOException("a sample line of " + feed.sample() + " is not JSON", e);
        }
      }
    };
  }
}
