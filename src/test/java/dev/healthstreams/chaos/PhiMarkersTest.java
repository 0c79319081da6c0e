package dev.healthstreams.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhiMarkersTest {

  @TempDir Path dir;

  @Test
  void shouldFindEveryKindOfMarkerAndNothingInIdsOffsetsOrTimes() throws Exception {
    Path log = dir.resolve("replica.log");
    Files.writeString(
        log,
        String.join(
            "\n",
            "12:00:00.000 INFO  alert chaos-obs-17:tachycardia for chaos-patient-3 at offset 731942",
            "12:00:00.001 WARN  patient " + PhiMarkers.family(3),
            "12:00:00.002 WARN  mrn=" + PhiMarkers.mrn(4),
            "12:00:00.003 WARN  born " + PhiMarkers.birthDate(5),
            "12:00:00.004 WARN  value " + PhiMarkers.observationValue(135),
            "12:00:00.005 INFO  committed 1901 records at 2026-02-01 of partition 0731942",
            "12:00:00.006 WARN  note " + PhiMarkers.note("chaos-pa-1"),
            ""));

    PhiMarkers.Scan scan = PhiMarkers.scan(List.of(log));

    assertEquals(7, scan.lines());
    assertEquals(5, scan.findings());
    assertEquals(
        List.of(2L, 3L, 4L, 5L, 7L), scan.first().stream().map(PhiMarkers.Finding::line).toList());
  }

  @Test
  void shouldPrintAnObservationValueWithItsMarkerDigits() {
    assertEquals("135.0731942", Double.toString(PhiMarkers.observationValue(135)));
  }
}
