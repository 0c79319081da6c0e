package dev.healthstreams.topology.interaction;

/**
 * Two active requests of one patient to look up in the {@link InteractionIndex}.
 *
 * @param changed the request that just became active or changed drug
 * @param other another request active at the same time
 */
public record CheckPair(ActiveRequest changed, ActiveRequest other) {}
