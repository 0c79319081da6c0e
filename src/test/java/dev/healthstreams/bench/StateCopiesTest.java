package dev.healthstreams.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.avro.ActiveMedicationList;
import dev.healthstreams.avro.PrescribedDrug;
import java.util.List;
import java.util.Set;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class StateCopiesTest {
  private static final String PATIENT = "8d4c4326-e9de-4f45-9a4c-f8c36bff89ae";
  private static final String REQUEST = "a1b2c3d4-0000-4000-8000-000000000001";
  private final StateCopies copies = new StateCopies(Set.of(PATIENT, REQUEST, "pa-demo-1"));

  @Test
  void shouldGiveEverySampleIdOfCopyZeroTheCopysSuffix() {
    assertEquals(PATIENT + "-c7", copies.copy(PATIENT + "-c0", 7));
    assertEquals(
        "Patient/" + PATIENT + "-c12 and pa-demo-1-c12",
        copies.copy("Patient/" + PATIENT + "-c0 and pa-demo-1-c0", 12));
  }

  @Test
  void shouldLeaveTextWithoutACopyZeroSampleIdAsItIs() {
    assertEquals("warfarin-c0", copies.copy("warfarin-c0", 3), "not a sample id");
    assertEquals(PATIENT + "-c01", copies.copy(PATIENT + "-c01", 3), "copy 1 of another id");
    assertEquals(PATIENT, copies.copy(PATIENT, 3), "no copy suffix");
    assertFalse(copies.isCopied("855332"));
    assertTrue(copies.isCopied(PATIENT + "-c0"));
  }

  @Test
  void shouldCopyTheIdsInsideANestedAvroValueAndNothingElse() {
    ActiveMedicationList seed =
        new ActiveMedicationList(
            List.of(new PrescribedDrug(REQUEST + "-c0", "855332", "Warfarin Sodium 5 MG")), null);
    GenericRecord generic = toGeneric(seed);

    GenericRecord copy = copies.copy(generic, 42);

    @SuppressWarnings("unchecked")
    List<GenericRecord> requests = (List<GenericRecord>) copy.get("requests");
    assertEquals(1, requests.size());
    assertEquals(new Utf8(REQUEST + "-c42"), requests.get(0).get("requestId"));
    assertEquals("855332", requests.get(0).get("drugCode").toString());
    assertEquals("Warfarin Sodium 5 MG", requests.get(0).get("drugDisplay").toString());
    // The seed is untouched: every copy starts from it.
    @SuppressWarnings("unchecked")
    List<GenericRecord> seedRequests = (List<GenericRecord>) generic.get("requests");
    assertEquals(REQUEST + "-c0", seedRequests.get(0).get("requestId").toString());
  }

  /** As the registry's generic deserializer reads it: strings as Utf8, arrays as GenericArray. */
  private static GenericRecord toGeneric(ActiveMedicationList list) {
    GenericData.Record record = new GenericData.Record(ActiveMedicationList.getClassSchema());
    GenericData.Array<GenericRecord> requests =
        new GenericData.Array<>(
            list.getRequests().size(),
            ActiveMedicationList.getClassSchema().getField("requests").schema());
    for (PrescribedDrug drug : list.getRequests()) {
      GenericData.Record r = new GenericData.Record(PrescribedDrug.getClassSchema());
      r.put("requestId", new Utf8(drug.getRequestId()));
      r.put("drugCode", new Utf8(drug.getDrugCode()));
      r.put("drugDisplay", new Utf8(drug.getDrugDisplay()));
      requests.add(r);
    }
    record.put("requests", requests);
    return record;
  }
}
