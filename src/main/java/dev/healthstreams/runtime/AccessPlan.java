package dev.healthstreams.runtime;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.AppSettings.ProcessingGuarantee;
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
 * consumer group and (under exactly_once_v2) the transactional ids; IDEMPOTENT_WRITE on the
 * cluster. Nothing more: the `topics --acls` command prints it and the secured-cluster test grants
 * exactly this.
 */
public final class AccessPlan {
  private static final String CLUSTER = "kafka-cluster";

  /**
   * Kafka Streams creates its internal topics when they are missing (`topics --create` may do it
   * first), checks their configs, writes and reads them, and purges consumed repartition records.
   */
  private static final AclOperation[] INTERNAL_TOPIC_OPERATIONS = {
    AclOperation.CREATE,
    AclOperation.READ,
    AclOperation.WRITE,
    AclOperation.DELETE,
    AclOperation.DESCRIBE_CONFIGS
  };

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
      String id = config.app().applicationId(name);
      for (String topic : topology.sourceTopics()) {
        topic(grants, topic, name + ": " + TopicPlan.purpose(topology, topic), AclOperation.READ);
      }
      for (String topic : topology.sinkTopics()) {
        topic(grants, topic, name + ": " + TopicPlan.purpose(topology, topic), AclOperation.WRITE);
      }
      for (var seed : topology.seeds()) {
        String topic = topology.config().topic(seed.role());
        topic(grants, topic, name + ": seeded at start", AclOperation.WRITE);
      }
      String internal = name + ": internal topics (repartition, changelog)";
      prefixed(grants, ResourceType.TOPIC, id, internal, INTERNAL_TOPIC_OPERATIONS);
      prefixed(grants, ResourceType.GROUP, id, name + ": consumer group", AclOperation.READ);
      if (config.app().processingGuarantee() == ProcessingGuarantee.EXACTLY_ONCE_V2) {
        String producers = name + ": exactly-once producers";
        prefixed(grants, ResourceType.TRANSACTIONAL_ID, id, producers, AclOperation.WRITE);
      }
      add(
          grants,
          new ResourcePattern(ResourceType.CLUSTER, CLUSTER, PatternType.LITERAL),
          name + ": idempotent producers",
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

  private static void topic(
      Map<ResourcePattern, Grant> grants, String topic, String reason, AclOperation operation) {
    add(
        grants,
        new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
        reason,
        operation);
  }

  private static void prefixed(
      Map<ResourcePattern, Grant> grants,
      ResourceType type,
      String prefix,
      String reason,
      AclOperation... operations) {
    add(grants, new ResourcePattern(type, prefix, PatternType.PREFIXED), reason, operations);
  }

  private static void add(
      Map<ResourcePattern, Grant> grants,
      ResourcePattern pattern,
      String reason,
      AclOperation... operations) {
    Grant grant =
        grants.computeIfAbsent(
            pattern,
            p ->
                new Grant(
                    p.resourceType(),
                    p.name(),
                    p.patternType(),
                    new LinkedHashSet<>(),
                    new LinkedHashSet<>()));
    grant.operations().addAll(List.of(operations));
    grant.reasons().add(reason);
  }
}
