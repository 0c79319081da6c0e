package dev.healthstreams.topology.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.errors.BadRecordException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SourceChangeReaderTest {
  private final SourceChangeReader reader = new SourceChangeReader();
  private final ObjectNode doc = SyncFixtures.JSON.createObjectNode().put("rxId", "rx1");

  private static byte[] bytes(Object json) {
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void shouldReadABareDocument() {
    SourceChange change = reader.read(bytes(doc));
    assertFalse(change.delete());
    assertEquals(doc, change.document());
    assertNull(change.position());
  }

  @Test
  void shouldReadThePlatformEnvelopeWithItsCorrelationId() {
    SourceChange change = reader.read(bytes(SyncFixtures.envelope(doc, "corr-1")));
    assertEquals(doc, change.document());
    assertEquals("corr-1", change.correlationId());
  }

  @Test
  void shouldReadADebeziumEventInThePlatformEnvelopeWithTheEnvelopesCorrelationId() {
    ObjectNode event = SyncFixtures.debezium("u", null, doc, 42, 1000);
    SourceChange change = reader.read(bytes(SyncFixtures.envelope(event, "corr-7")));
    assertEquals(doc, change.document());
    assertEquals(42L, change.position());
    assertEquals("corr-7", change.correlationId());
  }

  @Test
  void shouldReadDebeziumCreateUpdateAndSnapshotWithPositionAndTime() {
    for (String op : new String[] {"c", "u", "r"}) {
      SourceChange change = reader.read(bytes(SyncFixtures.debezium(op, null, doc, 42, 1000)));
      assertFalse(change.delete());
      assertEquals(doc, change.document());
      assertEquals(42L, change.position());
      assertEquals(1000L, change.sourceTimestamp());
    }
  }

  @Test
  void shouldReadPosInsteadOfLsnAndAfterWrittenAsAJsonColumn() {
    ObjectNode event = SyncFixtures.debezium("u", null, null, 0, 7);
    event.put("after", doc.toString());
    ((ObjectNode) event.get("source")).remove("lsn");
    ((ObjectNode) event.get("source")).put("pos", 99);
    SourceChange change = reader.read(bytes(event));
    assertEquals(doc, change.document());
    assertEquals(99L, change.position());
  }

  @Test
  void shouldReadDebeziumInsideItsSchemaPayloadWrapping() {
    ObjectNode wrapped = SyncFixtures.JSON.createObjectNode();
    wrapped.putObject("schema");
    wrapped.set("payload", SyncFixtures.debezium("c", null, doc, 5, 6));
    assertEquals(5L, reader.read(bytes(wrapped)).position());
  }

  @Test
  void shouldTreatOpDAndATombstoneAsDeletes() {
    SourceChange d = reader.read(bytes(SyncFixtures.debezium("d", doc, null, 43, 2000)));
    assertTrue(d.delete());
    assertEquals(doc, d.deletedDocument());
    assertEquals(43L, d.position());
    assertTrue(reader.read(null).delete());
  }

  @Test
  void shouldRefuseWhatCannotBeReadWithoutQuotingIt() {
    BadRecordException notJson =
        assertThrows(BadRecordException.class, () -> reader.read(bytes("{\"secret\": ")));
    assertEquals("not-json", notJson.reason());
    assertFalse(notJson.getMessage().contains("secret"));
    assertThrows(BadRecordException.class, () -> reader.read(bytes("[1]")));
    ObjectNode unknownOp = SyncFixtures.debezium("x", null, doc, 1, 1);
    assertEquals(
        "bad-cdc",
        assertThrows(BadRecordException.class, () -> reader.read(bytes(unknownOp))).reason());
  }
}
