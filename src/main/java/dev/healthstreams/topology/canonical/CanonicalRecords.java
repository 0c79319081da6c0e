package dev.healthstreams.topology.canonical;

import dev.healthstreams.avro.CanonicalAddress;
import dev.healthstreams.avro.CanonicalIdentifier;
import dev.healthstreams.avro.CanonicalObservation;
import dev.healthstreams.avro.CanonicalPatient;
import dev.healthstreams.avro.CanonicalPrescription;
import dev.healthstreams.avro.ConflictingValue;
import dev.healthstreams.avro.FieldLineage;
import dev.healthstreams.avro.PatientReviewItem;
import dev.healthstreams.avro.ReconciliationKind;
import dev.healthstreams.avro.ReviewCandidate;
import dev.healthstreams.avro.RuleViolation;
import dev.healthstreams.avro.SourceLink;
import dev.healthstreams.avro.SyncConflict;
import dev.healthstreams.avro.SyncError;
import dev.healthstreams.avro.SyncReconciliation;
import dev.healthstreams.avro.TargetAck;
import dev.healthstreams.topology.support.EventMetadataFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Avro records canonical-sync writes, from the stages' decisions. Event ids are name-based on
 * what the event is about (entity, version, rule), so a replay writes the same ids.
 */
public final class CanonicalRecords {
  private final EventMetadataFactory patients;
  private final EventMetadataFactory prescriptions;
  private final EventMetadataFactory observations;
  private final EventMetadataFactory errors;
  private final EventMetadataFactory reviews;
  private final EventMetadataFactory conflicts;
  private final EventMetadataFactory reconciliations;

  public CanonicalRecords(String topology) {
    patients = new EventMetadataFactory(topology, "CanonicalPatient");
    prescriptions = new EventMetadataFactory(topology, "CanonicalPrescription");
    observations = new EventMetadataFactory(topology, "CanonicalObservation");
    errors = new EventMetadataFactory(topology, "SyncError");
    reviews = new EventMetadataFactory(topology, "PatientReviewItem");
    conflicts = new EventMetadataFactory(topology, "SyncConflict");
    reconciliations = new EventMetadataFactory(topology, "SyncReconciliation");
  }

  public CanonicalPatient patient(
      SyncEvent.PatientPublished event, String correlationId, String causationId, long timestamp) {
    Demographics golden = event.survived().golden();
    List<SourceLink> sources = new ArrayList<>();
    for (SyncEvent.LinkedSource source : event.sources()) {
      PatientRecord record = source.record();
      sources.add(
          SourceLink.newBuilder()
              .setSystem(record.source().system())
              .setId(record.source().id())
              .setVersion(record.version())
              .setUpdatedAt(instant(record.updatedAt()))
              .setLinkType(source.linkType())
              .build());
    }
    List<FieldLineage> lineage = new ArrayList<>();
    for (Survivorship.Lineage field : event.survived().lineage()) {
      lineage.add(
          FieldLineage.newBuilder()
              .setField(field.field())
              .setSource(field.source().text())
              .setSourceTimestamp(instant(field.timestamp()))
              .setRule(field.rule())
              .build());
    }
    return CanonicalPatient.newBuilder()
        .setMetadata(
            patients.create(
                EventMetadataFactory.eventId(
                    "CanonicalPatient", event.goldenId(), String.valueOf(event.version())),
                correlationId,
                causationId,
                timestamp))
        .setGoldenId(event.goldenId())
        .setFamily(golden.family())
        .setGiven(golden.given())
        .setBirthDate(golden.birthDate())
        .setGender(golden.gender())
        .setIdentifiers(
            golden.identifiers().stream()
                .map(i -> new CanonicalIdentifier(i.system(), i.value()))
                .toList())
        .setAddress(
            golden.address() == null
                ? null
                : new CanonicalAddress(
                    golden.address().lines(),
                    golden.address().city(),
                    golden.address().state(),
                    golden.address().postalCode()))
        .setTelecom(golden.telecom())
        .setSources(sources)
        .setLineage(lineage)
        .setFlags(event.flags().stream().sorted().toList())
        .setVersion(event.version())
        .build();
  }

  public PatientReviewItem review(
      ReviewEntry entry, String correlationId, String causationId, long timestamp) {
    return PatientReviewItem.newBuilder()
        .setMetadata(
            reviews.create(
                EventMetadataFactory.eventId("PatientReviewItem", entry.reviewId()),
                correlationId,
                causationId,
                timestamp))
        .setReviewId(entry.reviewId())
        .setSource(entry.source())
        .setGoldenId(entry.goldenId())
        .setReason(entry.reason())
        .setCandidates(
            entry.candidates().stream()
                .map(c -> new ReviewCandidate(c.goldenId(), c.result(), c.matchedFields()))
                .toList())
        .build();
  }

  public SyncConflict conflict(
      String goldenId,
      ConflictDetector.Conflict conflict,
      String correlationId,
      String causationId,
      long timestamp) {
    return SyncConflict.newBuilder()
        .setMetadata(
            conflicts.create(
                EventMetadataFactory.eventId("SyncConflict", goldenId, conflict.signature()),
                correlationId,
                causationId,
                timestamp))
        .setGoldenId(goldenId)
        .setField(conflict.field().configName())
        .setValues(
            conflict.values().stream()
                .map(
                    v -> new ConflictingValue(v.source().text(), v.value(), instant(v.timestamp())))
                .toList())
        .setChosenValue(conflict.chosenValue())
        .setChosenSource(conflict.chosenSource().text())
        .setRule(conflict.rule())
        .build();
  }

  public SyncError error(
      String entityType,
      SourceKey source,
      String version,
      List<Violation> violations,
      String correlationId,
      String causationId,
      long timestamp) {
    return SyncError.newBuilder()
        .setMetadata(
            errors.create(
                EventMetadataFactory.eventId(
                    "SyncError", entityType, source.text(), String.valueOf(version)),
                correlationId,
                causationId,
                timestamp))
        .setEntityType(entityType)
        .setSourceSystem(source.system())
        .setSourceId(source.id())
        .setVersion(version)
        .setViolations(
            violations.stream()
                .map(v -> new RuleViolation(v.code(), v.field(), v.message()))
                .toList())
        .build();
  }

  public CanonicalPrescription prescription(
      PrescriptionRecord rx,
      String goldenPatientId,
      String correlationId,
      String causationId,
      long timestamp) {
    return CanonicalPrescription.newBuilder()
        .setMetadata(
            prescriptions.create(
                EventMetadataFactory.eventId(
                    "CanonicalPrescription", rx.rxId(), String.valueOf(rx.version())),
                correlationId,
                causationId,
                timestamp))
        .setRxId(rx.rxId())
        .setVersion(rx.version())
        .setUpdatedAt(instant(rx.updatedAt()))
        .setGoldenPatientId(goldenPatientId)
        .setSourceSystem(SourceKey.PHARMACY)
        .setSourcePatientId(rx.pharmacyPatientId())
        .setDrugNdc(rx.drugNdc())
        .setDrugRxnorm(rx.drugRxnorm())
        .setDrugName(rx.drugName())
        .setSig(rx.sig())
        .setQuantity(rx.quantity())
        .setDaysSupply(rx.daysSupply())
        .setRefills(rx.refills())
        .setPrescriberNpi(
            rx.prescriberNpi() == null
                ? null
                : new CanonicalIdentifier(
                    PharmacyPrescriptionMapper.NPI_SYSTEM, rx.prescriberNpi()))
        .setPrescriberName(rx.prescriberName())
        .setStatus(rx.status())
        .build();
  }

  public CanonicalObservation observation(
      ObservationRecord o,
      String goldenPatientId,
      String correlationId,
      String causationId,
      long timestamp) {
    return CanonicalObservation.newBuilder()
        .setMetadata(
            observations.create(
                EventMetadataFactory.eventId(
                    "CanonicalObservation", o.id(), String.valueOf(o.version())),
                correlationId,
                causationId,
                timestamp))
        .setObservationId(o.id())
        .setVersion(o.version())
        .setGoldenPatientId(goldenPatientId)
        .setSourceSystem(SourceKey.EHR)
        .setSourcePatientId(o.subjectPatientId())
        .setStatus(o.status())
        .setCode(o.code())
        .setDisplay(o.display())
        .setValue(o.value())
        .setUnit(o.unit())
        .setEffective(o.effective())
        .build();
  }

  public SyncReconciliation reconciliation(
      ReconciliationKind kind, ReconciliationState state, List<String> targets, long timestamp) {
    List<TargetAck> acks = new ArrayList<>();
    Long last = null;
    for (String target : targets) {
      ReconciliationState.Ack ack = state.acks().get(target);
      acks.add(
          new TargetAck(
              target,
              ack == null ? "pending" : ack.status(),
              ack == null ? null : instant(ack.syncTimestamp())));
      if (ack != null && ack.syncTimestamp() != null) {
        last = last == null ? ack.syncTimestamp() : Math.max(last, ack.syncTimestamp());
      }
    }
    String key = state.entityType() + "/" + state.entityId();
    return SyncReconciliation.newBuilder()
        .setMetadata(
            reconciliations.create(
                EventMetadataFactory.eventId(
                    "SyncReconciliation", key, String.valueOf(state.version()), kind.name()),
                null,
                key + "@" + state.version(),
                timestamp))
        .setKind(kind)
        .setEntityType(state.entityType())
        .setEntityId(state.entityId())
        .setVersion(state.version())
        .setPublishedAt(Instant.ofEpochMilli(state.publishedAt()))
        .setDurationMillis(
            kind == ReconciliationKind.COMPLETED && last != null
                ? last - state.publishedAt()
                : null)
        .setTargets(acks)
        .build();
  }

  private static Instant instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
