package dev.healthstreams.cli;

import dev.healthstreams.runtime.AccessPlan;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclOperation;

/** How kafka-acls spells a grant's operations and resource on its command line. */
final class AclOptions {
  private AclOptions() {}

  /** {@code IDEMPOTENT_WRITE} is {@code IdempotentWrite}. */
  static String operation(AclOperation operation) {
    return Arrays.stream(operation.name().split("_"))
        .map(word -> word.charAt(0) + word.substring(1).toLowerCase())
        .collect(Collectors.joining());
  }

  static String resource(AccessPlan.Grant grant) {
    return switch (grant.type()) {
      case TOPIC -> "--topic " + grant.name();
      case GROUP -> "--group " + grant.name();
      case TRANSACTIONAL_ID -> "--transactional-id " + grant.name();
      case CLUSTER -> "--cluster";
      default -> throw new IllegalArgumentException("no kafka-acls option for " + grant.type());
    };
  }
}
