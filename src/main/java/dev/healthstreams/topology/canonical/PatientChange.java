package dev.healthstreams.topology.canonical;

/**
 * A patient source record's new version, or its deletion.
 *
 * @param record null for a delete
 * @param sequence the order of this change (see {@link PatientRecord#sequence}); null when unknown
 */
public record PatientChange(SourceKey source, PatientRecord record, Long sequence) {
  public static PatientChange upsert(PatientRecord record) {
    return new PatientChange(record.source(), record, record.sequence());
  }

  public static PatientChange delete(SourceKey source, Long sequence) {
    return new PatientChange(source, null, sequence);
  }
}
