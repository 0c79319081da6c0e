package dev.healthstreams.runtime;

import java.util.Objects;

/** A topic the app needs: its name, partition count, replication factor and cleanup policy. */
public record TopicSpec(String name, int partitions, short replication, boolean compacted) {

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("topic name must not be blank");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "topic " + name + ": partitions must be at least 1, was " + partitions);
    }
    if (replication < 1) {
      throw new IllegalArgumentException(
          "topic " + name + ": replication must be at least 1, was " + replication);
    }
  }
}
