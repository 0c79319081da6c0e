package dev.healthstreams.fhir;

import dev.healthstreams.serde.BadRecordException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * FHIR R4 JSON as HAPI resources of one type: reads a bare resource or the platform envelope,
 * writes the bare resource. Full HAPI costs tens of microseconds a record: for the few (patients,
 * medications, consents), not for every Observation. A record that is not JSON, not FHIR or of
 * another type fails with a {@link BadRecordException}, which sends it to the dead-letter topic.
 */
public final class FhirJsonSerde {
  private FhirJsonSerde() {}

  public static <T extends IBaseResource> Serde<T> of(Class<T> type) {
    Serializer<T> serializer =
        (topic, resource) -> resource == null ? null : FhirResources.encode(resource);
    Deserializer<T> deserializer =
        (topic, bytes) -> bytes == null ? null : FhirResources.parse(bytes, type);
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
