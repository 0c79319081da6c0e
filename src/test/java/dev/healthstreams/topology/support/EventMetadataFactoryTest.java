package dev.healthstreams.topology.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.healthstreams.avro.EventMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventMetadataFactoryTest {
  private final EventMetadataFactory factory =
      new EventMetadataFactory("observation-alerting", "ClinicalAlert");

  @Test
  void shouldGiveAClinicalAlertTheIdItHadBeforeTheSharedFactory() {
    String alertId = "hr-7:tachycardia";
    String contentKey = "130.0|/min|HIGH";
    String before =
        UUID.nameUUIDFromBytes((alertId + "|" + contentKey).getBytes(StandardCharsets.UTF_8))
            .toString();

    String id = EventMetadataFactory.eventId(alertId, contentKey);

    assertEquals(before, id);
    assertEquals("34f1c93a-8f12-333f-945c-5b209f5f0b12", id);
  }

  @Test
  void shouldGiveAnInteractionAlertTheIdItHadBeforeTheSharedFactory() {
    String alertId = "rq-1+rq-2:warfarin-nsaid";
    String before = UUID.nameUUIDFromBytes(alertId.getBytes(StandardCharsets.UTF_8)).toString();

    String id = EventMetadataFactory.eventId(alertId);

    assertEquals(before, id);
    assertEquals("7f70c85f-390a-3618-9194-3bb4a6a61e08", id);
  }

  @Test
  void shouldMakeTheUuidTheJdkMakesForAnyName() {
    Random random = new Random(20261201);
    for (int i = 0; i < 10_000; i++) {
      byte[] name = new byte[random.nextInt(200)];
      random.nextBytes(name);

      assertEquals(UUID.nameUUIDFromBytes(name), EventMetadataFactory.nameUuid(name));
    }
  }

  @Test
  void shouldGiveTheSameIdsFromManyThreadsAtOnce() throws Exception {
    List<String> names = IntStream.range(0, 2_000).mapToObj(i -> "request-" + i).toList();
    List<String> expected =
        names.stream()
            .map(n -> UUID.nameUUIDFromBytes(n.getBytes(StandardCharsets.UTF_8)).toString())
            .toList();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(threads.submit(() -> names.stream().map(EventMetadataFactory::eventId).toList()));
      }
      for (Future<List<String>> run : runs) {
        assertEquals(expected, run.get());
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void shouldGiveTheSameIdForTheSamePartsAndAnotherForOthers() {
    assertEquals(EventMetadataFactory.eventId("a", "b"), EventMetadataFactory.eventId("a", "b"));
    assertNotEquals(EventMetadataFactory.eventId("a", "b"), EventMetadataFactory.eventId("a", "c"));
    assertNotEquals(EventMetadataFactory.eventId("a", "b"), EventMetadataFactory.eventId("a"));
  }

  @Test
  void shouldFillEveryFieldOfTheMetadata() {
    EventMetadata metadata =
        factory.create("evt-1", "corr-1", "Observation/hr-7", 1_713_349_200_000L);

    assertEquals("evt-1", metadata.getEventId());
    assertEquals("ClinicalAlert", metadata.getEventType());
    assertEquals("healthstreams/observation-alerting", metadata.getEventSource());
    assertEquals("corr-1", metadata.getCorrelationId());
    assertEquals("Observation/hr-7", metadata.getCausationId());
    assertEquals(Instant.ofEpochMilli(1_713_349_200_000L), metadata.getTimestamp());
    assertEquals(1, metadata.getVersion());
  }

  @Test
  void shouldLetTheCauseStandInForAMissingCorrelationId() {
    EventMetadata metadata = factory.create("evt-1", null, "Observation/hr-7", 0L);

    assertEquals("Observation/hr-7", metadata.getCorrelationId());
    assertEquals("Observation/hr-7", metadata.getCausationId());
  }
}
