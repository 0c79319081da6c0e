package dev.healthstreams.e2e;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A single-node KRaft broker that clients reach over SASL_SSL only: SCRAM-SHA-512 users made when
 * the storage is formatted, a TLS certificate for 127.0.0.1 made by the JDK's keytool, and
 * StandardAuthorizer with no ACL but the admin super user's. Broker-to-broker traffic (the
 * transaction coordinator writing markers to itself) uses the same listener as the admin user. The
 * KRaft controller listener stays PLAINTEXT on loopback; its unauthenticated peer (the node's own
 * broker side) is ANONYMOUS and therefore a super user: it serves the controller quorum only, not
 * clients. In production secure it too (SASL_SSL with PLAIN or mTLS).
 */
final class SecuredCluster implements AutoCloseable {
  static final String ADMIN = "admin";
  static final String MECHANISM = "SCRAM-SHA-512";
  private static final String LISTENER = "SECURED";
  private static final String CONTROLLER = "CONTROLLER";

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Path truststore;
  private final String truststorePassword;
  private final Map<String, String> passwords;

  private SecuredCluster(
      KafkaRaftServer server,
      String bootstrapServers,
      Path truststore,
      String truststorePassword,
      Map<String, String> passwords) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.truststore = truststore;
    this.truststorePassword = truststorePassword;
    this.passwords = passwords;
  }

  /**
   * Formats {@code dir} with a SCRAM user per entry of {@code users} (name to password) plus the
   * admin, and starts the broker. Passwords must be plain ASCII letters, digits and '-'.
   */
  static SecuredCluster start(Path dir, Map<String, String> users) throws Exception {
    Files.createDirectories(dir);
    Map<String, String> passwords = new HashMap<>(users);
    passwords.put(ADMIN, "admin-" + UUID.randomUUID());
    String storePassword = "store-" + UUID.randomUUID();
    Path keystore = dir.resolve("broker.p12");
    Path truststore = dir.resolve("truststore.p12");
    makeCertificate(dir, keystore, truststore, storePassword);

    int brokerPort;
    int controllerPort;
    // Both held open together, so the two differ.
    try (ServerSocket broker = new ServerSocket(0);
        ServerSocket controller = new ServerSocket(0)) {
      brokerPort = broker.getLocalPort();
      controllerPort = controller.getLocalPort();
    }
    Path data = dir.resolve("data");
    format(data, passwords);
    Map<String, String> props = new HashMap<>();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put(
        "listeners",
        LISTENER
            + "://127.0.0.1:"
            + brokerPort
            + ","
            + CONTROLLER
            + "://127.0.0.1:"
            + controllerPort);
    props.put("advertised.listeners", LISTENER + "://127.0.0.1:" + brokerPort);
    props.put(
        "listener.security.protocol.map", LISTENER + ":SASL_SSL," + CONTROLLER + ":PLAINTEXT");
    props.put("inter.broker.listener.name", LISTENER);
    props.put("controller.listener.names", CONTROLLER);
    props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    props.put("sasl.enabled.mechanisms", MECHANISM);
    props.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
    props.put(
        "listener.name." + LISTENER.toLowerCase() + ".scram-sha-512.sasl.jaas.config",
        jaas(ADMIN, passwords.get(ADMIN)));
    props.put("ssl.keystore.type", "PKCS12");
    props.put("ssl.keystore.location", keystore.toString());
    props.put("ssl.keystore.password", storePassword);
    props.put("ssl.key.password", storePassword);
    props.put("ssl.truststore.type", "PKCS12");
    props.put("ssl.truststore.location", truststore.toString());
    props.put("ssl.truststore.password", storePassword);
    props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    props.put("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
    props.put("allow.everyone.if.no.acl.found", "false");
    props.put("log.dirs", data.toString());
    props.put("num.partitions", "4");
    props.put("default.replication.factor", "1");
    props.put("min.insync.replicas", "1");
    props.put("auto.create.topics.enable", "false");
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "4");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "4");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("group.streams.initial.rebalance.delay.ms", "0");
    props.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));

    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
    server.startup();
    SecuredCluster cluster =
        new SecuredCluster(
            server, "127.0.0.1:" + brokerPort, truststore, storePassword, Map.copyOf(passwords));
    try (Admin admin = cluster.admin()) {
      admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  Path truststore() {
    return truststore;
  }

  String truststorePassword() {
    return truststorePassword;
  }

  String password(String user) {
    return passwords.get(user);
  }

  static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  /** What a client needs to talk to this broker as {@code user}, secrets written in. */
  Map<String, String> clientProperties(String user) {
    Map<String, String> props = new HashMap<>();
    props.put("security.protocol", "SASL_SSL");
    props.put("sasl.mechanism", MECHANISM);
    props.put("sasl.jaas.config", jaas(user, passwords.get(user)));
    props.put("ssl.truststore.type", "PKCS12");
    props.put("ssl.truststore.location", truststore.toString());
    props.put("ssl.truststore.password", truststorePassword);
    return props;
  }

  Admin admin() {
    Map<String, Object> props = new HashMap<>(clientProperties(ADMIN));
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
    return Admin.create(props);
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }

  private static void format(Path data, Map<String, String> passwords) throws Exception {
    List<String> scram = new ArrayList<>();
    passwords.forEach(
        (user, password) ->
            scram.add(MECHANISM + "=[name=" + user + ",password=" + password + "]"));
    new Formatter()
        .setNodeId(1)
        .setClusterId(Uuid.randomUuid().toString())
        .setDirectories(List.of(data.toString()))
        .setMetadataLogDirectory(data.toString())
        .setControllerListenerName(CONTROLLER)
        .setScramArguments(scram)
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
        .run();
  }

  /** A self-signed certificate for 127.0.0.1 and a truststore holding it, by the JDK's keytool. */
  private static void makeCertificate(Path dir, Path keystore, Path truststore, String password)
      throws Exception {
    Path certificate = dir.resolve("broker.crt");
    keytool(
        dir,
        "-genkeypair",
        "-alias",
        "broker",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-validity",
        "2",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        password);
    keytool(
        dir,
        "-exportcert",
        "-rfc",
        "-alias",
        "broker",
        "-keystore",
        keystore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        password,
        "-file",
        certificate.toString());
    keytool(
        dir,
        "-importcert",
        "-noprompt",
        "-alias",
        "broker",
        "-file",
        certificate.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        truststore.toString(),
        "-storepass",
        password);
  }

  private static void keytool(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Path output = dir.resolve("keytool.log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
            .start();
    if (!process.waitFor(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS)
        || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "keytool " + args[0] + " failed: " + Files.readString(output));
    }
  }
}
