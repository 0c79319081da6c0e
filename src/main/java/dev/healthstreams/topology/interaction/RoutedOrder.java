package dev.healthstreams.topology.interaction;

import dev.healthstreams.avro.MedicationOrder;

/**
 * A request version with the way it takes, between the router and the split; never serialized.
 *
 * @param order null for a deleted request
 */
record RoutedOrder(MedicationOrder order, boolean viaMedicationJoin) {}
