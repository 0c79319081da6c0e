package dev.healthstreams.runtime;

import dev.healthstreams.config.AppConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs the principal of `run` needs on a cluster with an authorizer, derived from the
 * topologies' own roles: READ on every input, WRITE on every output, route and dead-letter topic
 * and on seeded tables (written at start), and, per topology, prefixed grants on its {@code
 * application.id} for the internal topics (created, written, read and purged by Kafka Streams), the
 * consumer group and the transactional ids; IDEMPOTENT_WRITE on the cluster. Nothing more: the
 * `topics --acls` command prints it and the secured-cluster test grants exactly this.
 */
public final class AccessPlan {
  private static final String CLUSTER = "kafka-cluster";

  /** One resource and what the principal may do with it, with the topologies that need it. */
  public record Grant(
      ResourceType type,
      String name,
      PatternType pattern,
      Set<AclOperation> operations,
      Set<String> reasons) {}

  private AccessPlan() {}

  public static List<Grant> of(AppConfig config, Collection<BuiltTopology> topologies) {
    Map<ResourcePattern, Grant> grants = new LinkedHashMap<>();
    for (BuiltTopology topology : topologies) {
      String name = topology.name();
      String applicationId = config.app().applicationId(name);
      for (String topic : topology.sourceTopics()) {
        add(
            grants,
            ResourceType.TOPIC,
            topic,
            PatternType.LITERAL,
            name + ": input",
            AclOperation.READ);
      }
      for (String topic : topology.sinkTopics()) {
        add(
            grants,
            ResourceType.TOPIC,
            topic,
            PatternType.LITERAL,
            name + ": output",
            AclOperation.WRITE);
      }
      topology
          .seeds()
          .forEach(
              seed ->
                  add(
                      grants,
                      ResourceType.TOPIC,
                      topology.config().topic(seed.role()),
                      PatternType.LITERAL,
                      name + ": seeded at start",
                      AclOperation.WRITE));
      add(
          grants,
          ResourceType.TOPIC,
          applicationId,
          PatternType.PREFIXED,
          name + ": internal topics",
          AclOperation.CREATE,
          AclOperation.READ,
          AclOperation.WRITE,
          AclOperation.DELETE,
          AclOperation.DESCRIBE_CONFIGS);
      add(
          grants,
          ResourceType.GROUP,
          applicationId,
          PatternType.PREFIXED,
          name + ": consumer group",
          AclOperation.READ);
      add(
          grants,
          ResourceType.TRANSACTIONAL_ID,
          applicationId,
          PatternType.PREFIXED,
          name + ": exactly-once producers",
          AclOperation.WRITE);
      add(
          grants,
          ResourceType.CLUSTER,
          CLUSTER,
          PatternType.LITERAL,
          name + ": idempotent writes",
          AclOperation.IDEMPOTENT_WRITE);
    }
    return grants.values().stream()
        .map(
            g ->
                new Grant(
                    g.type(),
                    g.name(),
                    g.pattern(),
                    Collections.unmodifiableSet(g.operations()),
                    Collections.unmodifiableSet(g.reasons())))
        .toList();
  }

  /** Kafka's ACL bindings of the grants for one principal ({@code User:name}), from any host. */
  public static List<AclBinding> bindings(Collection<Grant> grants, String principal) {
    List<AclBinding> bindings = new ArrayList<>();
    for (Grant grant : grants) {
      for (AclOperation operation : grant.operations()) {
        bindings.add(
            new AclBinding(
                new ResourcePattern(grant.type(), grant.name(), grant.pattern()),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
      }
    }
    return bindings;
  }

  private static void add(
      Map<ResourcePattern, Grant> grants,
      ResourceType type,
      String name,
      PatternType pattern,
      String reason,
      AclOperation... operations) {
    Grant grant =
        grants.computeIfAbsent(
            new ResourcePattern(type, name, pattern),
            p -> new Grant(type, name, pattern, new LinkedHashSet<>(), new LinkedHashSet<>()));
    grant.operations().addAll(List.of(operations));
    grant.reasons().add(reason);
  }
}
