package dev.healthstreams.serde;

import dev.healthstreams.errors.BadRecordException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * In-memory registry for tests and backtests. Instances are shared JVM-wide per scope name, so a
 * serializer and a deserializer opened separately on {@code mock://<scope>} see the same schemas.
 * Subjects follow the BACKWARD rule: a new version must be able to read the latest one.
 */
public final class MockSchemaRegistry implements SchemaRegistryClient {
  private static final ConcurrentMap<String, MockSchemaRegistry> SCOPES = new ConcurrentHashMap<>();

  private final String scope;
  private final Map<Schema, Integer> idsBySchema = new HashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<String, List<Schema>> versionsBySubject = new HashMap<>();
  private int lastId;

  private MockSchemaRegistry(String scope) {
    this.scope = scope;
  }

  /** The registry of that scope, created empty on first use. */
  public static MockSchemaRegistry forScope(String scope) {
    return SCOPES.computeIfAbsent(scope, MockSchemaRegistry::new);
  }

  /** Forgets a scope and everything registered in it (test cleanup). */
  public static void dropScope(String scope) {
    SCOPES.remove(scope);
  }

  public String scope() {
    return scope;
  }

  @Override
  public synchronized int register(String subject, Schema schema) {
    List<Schema> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
    if (!versions.contains(schema)) {
      if (!compatibleWithLatest(versions, schema)) {
        throw new IncompatibleSchemaException(
            "schema is not BACKWARD compatible with the latest version of subject " + subject);
      }
      versions.add(schema);
    }
    Integer known = idsBySchema.get(schema);
    if (known != null) {
      return known;
    }
    int id = ++lastId;
    idsBySchema.put(schema, id);
    schemasById.put(id, schema);
    return id;
  }

  @Override
  public Schema schemaById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw new BadRecordException(
          "unknown-schema-id", "schema id " + id + " is not in the registry mock://" + scope);
    }
    return schema;
  }

  @Override
  public synchronized boolean isCompatible(String subject, Schema schema) {
    return compatibleWithLatest(versionsBySubject.getOrDefault(subject, List.of()), schema);
  }

  /** Number of versions registered under the subject (0 when unknown). */
  public synchronized int versionCount(String subject) {
    return versionsBySubject.getOrDefault(subject, List.of()).size();
  }

  private static boolean compatibleWithLatest(List<Schema> versions, Schema candidate) {
    if (versions.isEmpty()) {
      return true;
    }
    Schema latest = versions.get(versions.size() - 1);
    return SchemaCompatibility.checkReaderWriterCompatibility(candidate, latest).getType()
        == SchemaCompatibilityType.COMPATIBLE;
  }
}
