package dev.healthstreams.serde;

import dev.healthstreams.errors.BadRecordException;
import org.apache.avro.Schema;

/**
 * The part of the Confluent schema registry API the app uses. Implementations cache: a schema is
 * registered once per subject and an id is looked up once.
 *
 * <p>SKELETON: the serde helper implements HTTP and in-memory clients.
 */
public interface SchemaRegistryClient extends AutoCloseable {

  /** Registers (or finds) the schema under the subject; returns its global id. */
  int register(String subject, Schema schema);

  /** The schema with that id; throws {@link BadRecordException} reason "unknown-schema-id". */
  Schema schemaById(int id);

  /** Whether the schema is compatible with the subject's latest version under its rule. */
  boolean isCompatible(String subject, Schema schema);

  /** Fails with {@link SchemaRegistryException} when the registry cannot be reached. */
  default void checkReachable() {}

  @Override
  default void close() {}
}
