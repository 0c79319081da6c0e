package dev.healthstreams.topology.interaction;

import dev.healthstreams.avro.MedicationDrug;
import dev.healthstreams.avro.MedicationOrder;
import dev.healthstreams.errors.BadRecordException;
import dev.healthstreams.fhir.DrugCode;
import dev.healthstreams.fhir.MedicationFacts;
import dev.healthstreams.fhir.MedicationReader;
import dev.healthstreams.fhir.MedicationReferences;
import dev.healthstreams.fhir.MedicationRequestFacts;
import dev.healthstreams.fhir.MedicationRequestReader;
import dev.healthstreams.fhir.References;

/**
 * FHIR MedicationRequests and Medications to the records the topology keeps, and the resolution of
 * a request's referenced Medication once both are there.
 */
final class MedicationOrders {
  private final MedicationRequestReader requests = new MedicationRequestReader();
  private final MedicationReader medications = new MedicationReader();

  MedicationOrder fromRequest(String key, byte[] json) {
    if (key == null) {
      throw new BadRecordException("no-key", "MedicationRequest record has no key");
    }
    if (json == null) {
      return null;
    }
    MedicationRequestFacts request = requests.read(json);
    String patientId = References.patientId(request.subjectReference());
    if (patientId == null) {
      throw new BadRecordException(
          "no-subject", "MedicationRequest " + request.id() + " has no Patient subject");
    }
    DrugCode drug = request.drug();
    return MedicationOrder.newBuilder()
        .setRequestId(key)
        .setPatientId(patientId)
        .setStatus(request.status() == null ? "unknown" : request.status())
        .setDrugSystem(drug == null ? null : drug.system())
        .setDrugCode(drug == null ? null : drug.code())
        .setDrugDisplay(drug == null ? null : drug.display())
        .setMedicationId(MedicationReferences.medicationId(request.medicationReference()))
        .setCorrelationId(request.correlationId())
        .build();
  }

  MedicationDrug fromMedication(String key, byte[] json) {
    if (key == null) {
      throw new BadRecordException("no-key", "Medication record has no key");
    }
    if (json == null) {
      return null;
    }
    MedicationFacts medication = medications.read(json);
    DrugCode drug = medication.drug();
    return MedicationDrug.newBuilder()
        .setMedicationId(key)
        .setDrugSystem(drug == null ? null : drug.system())
        .setDrugCode(drug == null ? null : drug.code())
        .setDrugDisplay(drug == null ? null : drug.display())
        .build();
  }

  /** The request with its drug: its own, else the referenced Medication's once it has arrived. */
  static MedicationOrder resolve(MedicationOrder order, MedicationDrug medication) {
    if (order.getDrugCode() != null || medication == null || medication.getDrugCode() == null) {
      return order;
    }
    return MedicationOrder.newBuilder(order)
        .setDrugSystem(medication.getDrugSystem())
        .setDrugCode(medication.getDrugCode())
        .setDrugDisplay(medication.getDrugDisplay())
        .build();
  }

  static DrugCode drugOf(MedicationOrder order) {
    return order.getDrugCode() == null
        ? null
        : new DrugCode(order.getDrugSystem(), order.getDrugCode(), order.getDrugDisplay());
  }
}
