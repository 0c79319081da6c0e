package dev.healthstreams.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.avro.ClinicalAlert;
import dev.healthstreams.errors.BadRecordException;
import dev.healthstreams.runtime.EmbeddedRegistry;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serdes against a real Confluent-API registry: Apicurio under BACKWARD compatibility. */
class AvroSerdesRegistryIT {
  @TempDir static Path dataDir;
  private static EmbeddedRegistry registry;

  @BeforeAll
  static void startRegistry() {
    registry = EmbeddedRegistry.start(dataDir, Duration.ofSeconds(120));
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  /** A fresh client per test, so each test goes over the wire rather than a warm cache. */
  private static AvroSerdes serdes() {
    return new AvroSerdes(SchemaRegistries.connect(registry.url(), Map.of()));
  }

  @Test
  void shouldRoundTripAlertThroughRegistry() {
    ClinicalAlert alert = AlertFixtures.heartRateAlert();
    byte[] bytes =
        serdes().specific(ClinicalAlert.class).serializer().serialize("it.roundtrip", alert);

    ClinicalAlert read =
        serdes().specific(ClinicalAlert.class).deserializer().deserialize("it.roundtrip", bytes);

    assertEquals(alert, read);
  }

  @Test
  void shouldReadOldWriterWithNewReader() {
    GenericRecord old = AlertFixtures.genericAlert(AlertFixtures.alertSchemaWithoutCodeDisplay());
    byte[] bytes = serdes().generic().serializer().serialize("it.evolution", old);

    ClinicalAlert read =
        serdes().specific(ClinicalAlert.class).deserializer().deserialize("it.evolution", bytes);

    ClinicalAlert expected = AlertFixtures.heartRateAlert();
    expected.setCodeDisplay(null);
    assertEquals(expected, read);
    // The new class's schema may follow the old one under BACKWARD.
    serdes().specific(ClinicalAlert.class).serializer().serialize("it.evolution", expected);
  }

  @Test
  void shouldRefuseIncompatibleSchemaUnderBackward() {
    AvroSerdes serdes = serdes();
    serdes
        .specific(ClinicalAlert.class)
        .serializer()
        .serialize("it.refused", AlertFixtures.heartRateAlert());
    GenericRecord withWard =
        AlertFixtures.genericAlert(AlertFixtures.alertSchemaWithRequiredWard());
    withWard.put("ward", "4B");

    assertFalse(
        serdes
            .registry()
            .isCompatible("it.refused-value", AlertFixtures.alertSchemaWithRequiredWard()));
    assertTrue(
        serdes
            .registry()
            .isCompatible("it.never-registered-value", ClinicalAlert.getClassSchema()));
    assertThrows(
        IncompatibleSchemaException.class,
        () -> serdes.generic().serializer().serialize("it.refused", withWard));
  }

  @Test
  void shouldReportUnknownSchemaId() {
    byte[] bytes =
        ByteBuffer.allocate(7).put((byte) 0).putInt(987_654).put((byte) 2).put((byte) 'x').array();

    BadRecordException error =
        assertThrows(
            BadRecordException.class,
            () ->
                serdes()
                    .specific(ClinicalAlert.class)
                    .deserializer()
                    .deserialize("it.unknown", bytes));

    assertEquals("unknown-schema-id", error.reason());
  }
}
