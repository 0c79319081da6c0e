package dev.healthstreams.runtime;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Server properties of the single-node, combined broker+controller embedded cluster. */
final class EmbeddedBrokerConfig {

  static final int NODE_ID = 1;
  static final String BROKER_LISTENER = "PLAINTEXT";
  static final String CONTROLLER_LISTENER = "CONTROLLER";

  /**
   * Internal topics get few partitions: one node serves them all, and fewer logs make restarts and
   * the first consumer group or transaction faster. Fixed forever, as changing these for existing
   * topics would misroute coordinators.
   */
  private static final String INTERNAL_TOPIC_PARTITIONS = "4";

  private EmbeddedBrokerConfig() {}

  static Map<String, String> of(Path dataDir, EmbeddedPorts ports) {
    String host = EmbeddedPorts.HOST;
    Map<String, String> props = new HashMap<>();
    props.put("process.roles", "broker,controller");
    props.put("node.id", Integer.toString(NODE_ID));
    props.put(
        "listeners",
        BROKER_LISTENER
            + "://"
            + host
            + ":"
            + ports.broker()
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + host
            + ":"
            + ports.controller());
    props.put("advertised.listeners", BROKER_LISTENER + "://" + host + ":" + ports.broker());
    props.put(
        "listener.security.protocol.map",
        BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    props.put("inter.broker.listener.name", BROKER_LISTENER);
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    // Static voters: the voter address is read from config on each start, not from the
    // metadata log, so a controller port that had to change on restart is harmless.
    props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + ports.controller());
    props.put("log.dirs", dataDir.toAbsolutePath().toString());

    props.put("num.partitions", "4");
    props.put("default.replication.factor", "1");
    props.put("min.insync.replicas", "1");
    props.put("auto.create.topics.enable", "false");

    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", INTERNAL_TOPIC_PARTITIONS);
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", INTERNAL_TOPIC_PARTITIONS);
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("share.coordinator.state.topic.num.partitions", INTERNAL_TOPIC_PARTITIONS);

    // Nobody else will join: rebalance at once instead of waiting 3 s for more members.
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("group.streams.initial.rebalance.delay.ms", "0");

    // The cleaner's default 128 MiB dedupe buffer is sized for production brokers; 16 MiB
    // still compacts ~700k keys per pass, plenty for a developer's broker.
    props.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
    return props;
  }
}
