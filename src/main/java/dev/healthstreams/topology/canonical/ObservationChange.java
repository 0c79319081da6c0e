package dev.healthstreams.topology.canonical;

/** One EHR Observation change as read: the observation, or for a delete its id only. */
public record ObservationChange(
    ObservationRecord observation, String deletedId, String correlationId, String causationId) {}
