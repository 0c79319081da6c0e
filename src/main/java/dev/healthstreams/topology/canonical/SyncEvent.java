package dev.healthstreams.topology.canonical;

import dev.healthstreams.avro.LinkType;
import java.util.List;
import java.util.Set;

/** What the identity stage decided, for the topology to write; plain values, no Kafka. */
public sealed interface SyncEvent {

  record LinkedSource(PatientRecord record, LinkType linkType) {}

  /** A golden patient's new version. */
  record PatientPublished(
      String goldenId,
      long version,
      Survivorship.Survived survived,
      List<LinkedSource> sources,
      Set<String> flags)
      implements SyncEvent {}

  /** A golden patient left with no sources: a tombstone on the compacted topic. */
  record PatientRetired(String goldenId) implements SyncEvent {}

  record ReviewOpened(ReviewEntry entry) implements SyncEvent {}

  record ConflictFound(String goldenId, ConflictDetector.Conflict conflict) implements SyncEvent {}

  record ValidationFailed(
      String entityType, SourceKey source, String version, List<Violation> violations)
      implements SyncEvent {}

  /** A source record's golden patient changed: null when it has none any more. */
  record SourceLinked(SourceKey source, String goldenId) implements SyncEvent {}
}
