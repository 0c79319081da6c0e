package dev.healthstreams.topology.query;

/** A store entry with the partition it was read from (a value read alongside comes from there). */
public record PartitionEntry<V>(int partition, String key, V value) {}
