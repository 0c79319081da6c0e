package dev.healthstreams.topology.canonical;

/**
 * One patient source record as the identity stage keeps it.
 *
 * @param version the source's own version label (meta.versionId, the prescription's version), for
 *     the golden record's source list; may be null
 * @param sequence what orders this record's versions: the CDC position, else the source's numeric
 *     version or update time; null when the source gives none (then content decides idempotence)
 * @param updatedAt when the source changed it (epoch millis): what most-recent and the conflict
 *     window compare; null when unknown
 */
public record PatientRecord(
    SourceKey source, String version, Long sequence, Long updatedAt, Demographics demographics) {}
