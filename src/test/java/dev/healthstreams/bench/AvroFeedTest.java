package dev.healthstreams.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.healthstreams.avro.KnowledgeInteraction;
import dev.healthstreams.bench.BenchPlan.Feed;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A sample of an Avro role is written as Avro JSON lines keyed by a declared path: copies rename
 * the key (a UUID) and every other occurrence of it, and the loader sends each copy encoded through
 * the role's schema.
 */
class AvroFeedTest {
  private static final String SAMPLE = "/sample/Interactions.ndjson";
  private static final String A = "0b8f3c2e-1111-4a6b-9c1d-2e3f4a5b6c7d";
  private static final String B = "7d6c5b4a-2222-4f3e-8d2c-1b0a9f8e7d6c";

  private static String line(String group, String other) {
    return "{\"interactionId\":\"x-"
        + group
        + "\",\"groupA\":{\"groupId\":\""
        + group
        + "\",\"name\":\"A\",\"rxnorm\":[\"1\"]},"
        + "\"groupB\":{\"groupId\":\""
        + other
        + "\",\"name\":\"B\",\"rxnorm\":[\"2\"]},"
        + "\"severity\":\"MINOR\",\"description\":\"d\"}";
  }

  @Test
  void copiesAreKeyedByTheDeclaredPathAndEncodedThroughTheSchema() {
    SampleData sample =
        new SampleData(
            Map.of(SAMPLE, List.of(bytes(line(A, "plain")), bytes(line(B, A)))),
            Map.of(SAMPLE, "groupA.groupId"));
    InputScaler scaler = new InputScaler(sample);
    AvroSerdes avro = new AvroSerdes(SchemaRegistries.connect("mock://avro-feed-test", Map.of()));
    Feed feed = new Feed("interactions", "bench.in", SAMPLE, KnowledgeInteraction.class);

    List<ScaledRecord> sent = new ArrayList<>();
    new FeedEncoder(avro).encode(feed, scaler.table(SAMPLE, 0, 2)).forEachRemaining(sent::add);

    assertEquals(List.of(A + "-c0", B + "-c0", A + "-c1", B + "-c1"), keys(sent));
    var deserializer = avro.specific(KnowledgeInteraction.class).deserializer();
    KnowledgeInteraction last = deserializer.deserialize("bench.in", sent.get(3).value());
    assertEquals(B + "-c1", last.getGroupA().getGroupId().toString());
    assertEquals(A + "-c1", last.getGroupB().getGroupId().toString(), "a reference to a key");
    KnowledgeInteraction first = deserializer.deserialize("bench.in", sent.get(0).value());
    assertEquals("plain", first.getGroupB().getGroupId().toString(), "not a sample key: kept");
  }

  private static List<String> keys(List<ScaledRecord> records) {
    return records.stream().map(ScaledRecord::key).toList();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void keysThatAreNotUuidsAreRenamedAsWholeStringsAndTailLinesGiveTheirValue() {
    String tail =
        "{\"topic\":\"t\",\"key\":\"pa-1\",\"headers\":{},\"value\":" + line("pa-1", "pa-10") + "}";
    SampleData sample =
        new SampleData(
            Map.of(SAMPLE, List.of(bytes(tail), bytes(line("pa-10", "pa-1x")))),
            Map.of(SAMPLE, "groupA.groupId"));
    AvroSerdes avro = new AvroSerdes(SchemaRegistries.connect("mock://avro-feed-test-2", Map.of()));
    Feed feed = new Feed("interactions", "bench.in", SAMPLE, KnowledgeInteraction.class);

    List<ScaledRecord> sent = new ArrayList<>();
    new FeedEncoder(avro)
        .encode(feed, new InputScaler(sample).table(SAMPLE, 3, 4))
        .forEachRemaining(sent::add);

    assertEquals(List.of("pa-1-c3", "pa-10-c3"), keys(sent));
    var deserializer = avro.specific(KnowledgeInteraction.class).deserializer();
    KnowledgeInteraction first = deserializer.deserialize("bench.in", sent.get(0).value());
    assertEquals("pa-1-c3", first.getGroupA().getGroupId().toString());
    assertEquals("pa-10-c3", first.getGroupB().getGroupId().toString());
    assertEquals("x-pa-1", first.getInteractionId().toString(), "only whole strings are ids");
    KnowledgeInteraction second = deserializer.deserialize("bench.in", sent.get(1).value());
    assertEquals("pa-1x", second.getGroupB().getGroupId().toString(), "not a key: kept");
  }
}
