package dev.healthstreams.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.healthstreams.avro.ClinicalAlert;
import dev.healthstreams.avro.MedicationOrder;
import dev.healthstreams.errors.BadRecordException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AvroSerdesTest {
  private static final String SCOPE = "AvroSerdesTest";
  private static final String TOPIC = "clinical.alerts";

  private SchemaRegistryClient registry;
  private Serde<ClinicalAlert> alerts;
  private Serde<GenericRecord> generic;

  @BeforeEach
  void openRegistry() {
    registry = SchemaRegistries.connect("mock://" + SCOPE, Map.of());
    AvroSerdes serdes = new AvroSerdes(registry);
    alerts = serdes.specific(ClinicalAlert.class);
    generic = serdes.generic();
  }

  @AfterEach
  void dropRegistry() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  @Test
  void shouldRoundTripSpecificRecord() {
    ClinicalAlert alert = AlertFixtures.heartRateAlert();

    byte[] bytes = alerts.serializer().serialize(TOPIC, alert);

    assertEquals(alert, alerts.deserializer().deserialize(TOPIC, bytes));
  }

  @Test
  void shouldRoundTripGenericRecord() {
    GenericRecord alert = AlertFixtures.genericAlert(ClinicalAlert.getClassSchema());

    byte[] bytes = generic.serializer().serialize(TOPIC, alert);

    assertEquals(alert, generic.deserializer().deserialize(TOPIC, bytes));
  }

  @Test
  void shouldFrameWithMagicByteAndIdOfSchemaRegisteredUnderTopicValueSubject() {
    byte[] bytes = alerts.serializer().serialize(TOPIC, AlertFixtures.heartRateAlert());

    int expectedId = registry.register(TOPIC + "-value", ClinicalAlert.getClassSchema());
    assertEquals(0, bytes[0]);
    assertEquals(expectedId, ByteBuffer.wrap(bytes, 1, 4).getInt());
    assertEquals(1, MockSchemaRegistry.forScope(SCOPE).versionCount(TOPIC + "-value"));
  }

  @Test
  void shouldShareOneRegistryPerMockScope() {
    SchemaRegistryClient other = SchemaRegistries.connect("mock://" + SCOPE, Map.of());
    int id = registry.register("shared-value", ClinicalAlert.getClassSchema());

    assertSame(registry, other);
    assertEquals(ClinicalAlert.getClassSchema(), other.schemaById(id));
  }

  @Test
  void shouldReadOldWriterSchemaWithNewClassApplyingDefault() {
    GenericRecord old = AlertFixtures.genericAlert(AlertFixtures.alertSchemaWithoutCodeDisplay());
    byte[] bytes = generic.serializer().serialize(TOPIC, old);

    ClinicalAlert read = alerts.deserializer().deserialize(TOPIC, bytes);

    ClinicalAlert expected = AlertFixtures.heartRateAlert();
    expected.setCodeDisplay(null);
    assertEquals(expected, read);
  }

  @Test
  void shouldRefuseRequiredFieldWithoutDefault() {
    alerts.serializer().serialize(TOPIC, AlertFixtures.heartRateAlert());
    GenericRecord withWard =
        AlertFixtures.genericAlert(AlertFixtures.alertSchemaWithRequiredWard());
    withWard.put("ward", "4B");

    assertFalse(
        registry.isCompatible(TOPIC + "-value", AlertFixtures.alertSchemaWithRequiredWard()));
    assertThrows(
        IncompatibleSchemaException.class, () -> generic.serializer().serialize(TOPIC, withWard));
    assertEquals(1, MockSchemaRegistry.forScope(SCOPE).versionCount(TOPIC + "-value"));
  }

  @Test
  void shouldReportUnknownSchemaId() {
    byte[] bytes = {0, 0, 0, 0x30, 0x39, 2, 'x'};

    BadRecordException error =
        assertThrows(
            BadRecordException.class, () -> alerts.deserializer().deserialize(TOPIC, bytes));

    assertEquals("unknown-schema-id", error.reason());
  }

  @Test
  void shouldReportWrongMagicByteAsCorrupt() {
    byte[] bytes = alerts.serializer().serialize(TOPIC, AlertFixtures.heartRateAlert());
    bytes[0] = 1;

    assertCorrupt(() -> alerts.deserializer().deserialize(TOPIC, bytes));
  }

  @Test
  void shouldReportBytesShorterThanHeaderAsCorrupt() {
    assertCorrupt(() -> generic.deserializer().deserialize(TOPIC, new byte[] {0, 0, 1}));
  }

  @Test
  void shouldReportTruncatedAvroAsCorruptWithoutPayloadText() {
    byte[] bytes = alerts.serializer().serialize(TOPIC, AlertFixtures.heartRateAlert());
    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 12);

    BadRecordException error =
        assertCorrupt(() -> alerts.deserializer().deserialize(TOPIC, truncated));

    assertFalse(error.getMessage().contains("Jane"), error.getMessage());
    assertFalse(error.getMessage().contains("MRN"), error.getMessage());
  }

  @Test
  void shouldPassTombstonesThrough() {
    assertNull(alerts.serializer().serialize(TOPIC, null));
    assertNull(alerts.deserializer().deserialize(TOPIC, null));
    assertNull(generic.deserializer().deserialize(TOPIC, null));
  }

  @Test
  void shouldWriteTheSameBytesFromSeparatelyCreatedSerdes() {
    Serde<ClinicalAlert> second = new AvroSerdes(registry).specific(ClinicalAlert.class);
    ClinicalAlert alert = AlertFixtures.heartRateAlert();

    assertArrayEquals(
        alerts.serializer().serialize(TOPIC, alert), second.serializer().serialize(TOPIC, alert));
  }

  private static BadRecordException assertCorrupt(Runnable read) {
    BadRecordException error = assertThrows(BadRecordException.class, read::run);
    assertEquals("corrupt-avro", error.reason());
    return error;
  }

  /**
   * A class that encodes itself (Avro's generated coders, on in these serdes) still reads a value
   * an older writer wrote: fields in another order, the newer ones missing and taken at their
   * defaults. That is how a store's values written before an upgrade come back.
   */
  @Test
  void shouldReadAnOlderWriterIntoAClassThatEncodesItself() {
    Schema older =
        SchemaBuilder.record("MedicationOrder")
            .namespace("dev.healthstreams.avro")
            .fields()
            .requiredString("patientId")
            .requiredString("requestId")
            .optionalString("drugCode")
            .requiredString("status")
            .endRecord();
    GenericRecord old = new GenericData.Record(older);
    old.put("patientId", "p-1");
    old.put("requestId", "rq-1");
    old.put("drugCode", "197361");
    old.put("status", "active");
    byte[] bytes = generic.serializer().serialize("medication.orders", old);

    MedicationOrder read =
        new AvroSerdes(registry)
            .specific(MedicationOrder.class)
            .deserializer()
            .deserialize("medication.orders", bytes);

    assertEquals(
        MedicationOrder.newBuilder()
            .setRequestId("rq-1")
            .setPatientId("p-1")
            .setStatus("active")
            .setDrugCode("197361")
            .build(),
        read);
  }
}
