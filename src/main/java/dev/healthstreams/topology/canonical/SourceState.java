package dev.healthstreams.topology.canonical;

import dev.healthstreams.avro.LinkType;

/**
 * What the identity stage keeps per patient source record.
 *
 * @param record the latest valid version applied; null once deleted or before any valid one
 * @param goldenId the golden patient it is linked to; null when deleted or never valid
 * @param lastSequence the order of the latest version seen (valid or not, or a delete): a version
 *     at or below it has been applied already and writes nothing
 */
public record SourceState(
    PatientRecord record, String goldenId, LinkType linkType, Long lastSequence) {

  public boolean linked() {
    return record != null && goldenId != null;
  }
}
