package dev.healthstreams.topology;

import dev.healthstreams.serde.AvroSerdes;
import io.micrometer.core.instrument.MeterRegistry;

/** What a topology's build needs from the app around it: serdes over a registry, metrics. */
public record BuildContext(AvroSerdes avro, MeterRegistry metrics) {}
