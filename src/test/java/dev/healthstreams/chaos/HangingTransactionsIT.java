package dev.healthstreams.chaos;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.healthstreams.runtime.EmbeddedKafka;
import dev.healthstreams.testkit.Await;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.TxnOffsetCommitRequest;
import org.apache.kafka.common.requests.TxnOffsetCommitRequest.CommittedOffset;
import org.apache.kafka.common.requests.TxnOffsetCommitResponse;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hanging transactions on a real broker, found and aborted as the chaos run does after a broker
 * kill: one on a topic's partition, and one on {@code __consumer_offsets} that holds a group's
 * committed offset, as in CI's stall. The broker is made to keep them the way KIP-664 describes
 * them arising: transactional writes their coordinator never heard of. KIP-890's verification of
 * such writes is turned off for it, and each is a request of the version before transactions v2,
 * sent on a socket of its own, since no client sends one.
 */
class HangingTransactionsIT {
  private static final long PRODUCER_ID = 987_654_321L;
  private static final TopicPartition PARTITION = new TopicPartition("hanging", 0);
  private static final String GROUP = "hanging-group";

  @TempDir Path dir;

  @Test
  void shouldFindATransactionItsCoordinatorNeverHeardOfAndAbortItSoReadCommittedMovesOn()
      throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir);
        Admin admin = kafka.admin()) {
      createTopicWithoutVerification(admin);
      Await.until(
          "a transactional write outside any transaction to be taken",
          Duration.ofSeconds(30),
          () -> writeOutsideAnyTransaction(kafka.bootstrapServers()) == Errors.NONE);
      assertEquals(0, committedEnd(admin), "read_committed stops before the open write");
      assertEquals(1, end(admin, IsolationLevel.READ_UNCOMMITTED));

      List<HangingTransactions.Open> hanging = HangingTransactions.find(admin, Duration.ZERO);
      assertEquals(
          List.of(PARTITION + "/" + PRODUCER_ID),
          hanging.stream().map(o -> o.partition() + "/" + o.producer().producerId()).toList());
      assertEquals(
          List.of(),
          HangingTransactions.find(admin, Duration.ofHours(1)),
          "not quiet for an hour yet");

      HangingTransactions.abort(admin, hanging);

      // The record and the abort marker: read_committed reaches the end again.
      Await.until(
          "read_committed to reach the end after the abort",
          Duration.ofSeconds(30),
          () -> committedEnd(admin) == 2);
      assertEquals(List.of(), HangingTransactions.onPartitions(admin));
    }
  }

  /**
   * CI's stall: a group's committed offset held by a transactional offset commit no coordinator
   * will complete. A stable offset fetch (what a read_committed consumer and Kafka Streams ask for)
   * answers "unstable offsets" until the transaction on __consumer_offsets is aborted.
   */
  @Test
  void shouldFreeAGroupsCommittedOffsetHeldByAHangingOffsetCommit() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir);
        Admin admin = kafka.admin()) {
      createTopicWithoutVerification(admin);
      // Asking for the group's coordinator creates __consumer_offsets; no offset is committed yet.
      assertEquals(null, stableCommittedOffset(kafka.bootstrapServers(), 30));
      Await.until(
          "a transactional offset commit outside any transaction to be taken",
          Duration.ofSeconds(30),
          () -> commitOffsetOutsideAnyTransaction(kafka.bootstrapServers()) == Errors.NONE);
      assertThrows(
          TimeoutException.class, () -> stableCommittedOffset(kafka.bootstrapServers(), 3));

      List<HangingTransactions.Open> hanging = HangingTransactions.find(admin, Duration.ZERO);
      assertEquals(
          List.of("__consumer_offsets/" + PRODUCER_ID),
          hanging.stream()
              .map(o -> o.partition().topic() + "/" + o.producer().producerId())
              .toList());

      HangingTransactions.abort(admin, hanging);

      // Aborted, the pending commit is dropped: the group has no committed offset, and says so.
      Await.until(
          "the group's committed offset to be stable",
          Duration.ofSeconds(30),
          () -> {
            try {
              return stableCommittedOffset(kafka.bootstrapServers(), 3) == null;
            } catch (TimeoutException unstable) {
              return false;
            }
          });
      assertEquals(List.of(), HangingTransactions.onPartitions(admin));
    }
  }

  /**
   * Creates the test's topic and turns off KIP-890's check that a transactional write belongs to an
   * open transaction. The dynamic default reaches the broker through its metadata, so callers retry
   * their write until the broker takes it.
   */
  private static void createTopicWithoutVerification(Admin admin) throws Exception {
    admin.createTopics(List.of(new NewTopic(PARTITION.topic(), 1, (short) 1))).all().get();
    admin
        .incrementalAlterConfigs(
            Map.of(
                new ConfigResource(ConfigResource.Type.BROKER, ""),
                List.of(
                    new AlterConfigOp(
                        new ConfigEntry("transaction.partition.verification.enable", "false"),
                        AlterConfigOp.OpType.SET))))
        .all()
        .get(30, SECONDS);
  }

  /**
   * The group's committed offset of PARTITION as a read_committed consumer asks for it: stable
   * only, retried while it is not, as Kafka Streams does.
   */
  private static OffsetAndMetadata stableCommittedOffset(String bootstrapServers, int seconds) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                GROUP,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      return consumer.committed(Set.of(PARTITION), Duration.ofSeconds(seconds)).get(PARTITION);
    }
  }

  private static long committedEnd(Admin admin) throws Exception {
    return end(admin, IsolationLevel.READ_COMMITTED);
  }

  private static long end(Admin admin, IsolationLevel isolation) throws Exception {
    return admin
        .listOffsets(Map.of(PARTITION, OffsetSpec.latest()), new ListOffsetsOptions(isolation))
        .partitionResult(PARTITION)
        .get(30, SECONDS)
        .offset();
  }

  /** One transactional record of a producer no coordinator knows, and the broker's answer. */
  private static Errors writeOutsideAnyTransaction(String bootstrapServers) throws Exception {
    MemoryRecords records =
        MemoryRecords.withTransactionalRecords(
            Compression.NONE,
            PRODUCER_ID,
            (short) 0,
            0,
            new SimpleRecord(
                System.currentTimeMillis(),
                "k".getBytes(StandardCharsets.UTF_8),
                "v".getBytes(StandardCharsets.UTF_8)));
    ProduceRequestData.TopicProduceDataCollection topics =
        new ProduceRequestData.TopicProduceDataCollection();
    topics.add(
        new ProduceRequestData.TopicProduceData()
            .setName(PARTITION.topic())
            .setPartitionData(
                List.of(
                    new ProduceRequestData.PartitionProduceData()
                        .setIndex(PARTITION.partition())
                        .setRecords(records))));
    short version = ProduceRequest.LAST_STABLE_VERSION_BEFORE_TRANSACTION_V2;
    ProduceRequest request =
        ProduceRequest.builder(
                new ProduceRequestData()
                    .setTransactionalId("never-begun")
                    .setAcks((short) -1)
                    .setTimeoutMs(30_000)
                    .setTopicData(topics),
                false)
            .build(version);
    ProduceResponse response =
        (ProduceResponse) send(bootstrapServers, request, ApiKeys.PRODUCE, version);
    return Errors.forCode(
        response.data().responses().iterator().next().partitionResponses().get(0).errorCode());
  }

  /** A transactional offset commit of a producer no coordinator knows, and the answer. */
  private static Errors commitOffsetOutsideAnyTransaction(String bootstrapServers)
      throws Exception {
    short version = TxnOffsetCommitRequest.LAST_STABLE_VERSION_BEFORE_TRANSACTION_V2;
    TxnOffsetCommitRequest request =
        new TxnOffsetCommitRequest.Builder(
                "never-begun",
                GROUP,
                PRODUCER_ID,
                (short) 0,
                Map.of(PARTITION, new CommittedOffset(1, "", Optional.empty())),
                false)
            .build(version);
    TxnOffsetCommitResponse response =
        (TxnOffsetCommitResponse)
            send(bootstrapServers, request, ApiKeys.TXN_OFFSET_COMMIT, version);
    return response.errors().get(PARTITION);
  }

  /** One request on a socket of its own (the single broker leads and coordinates everything). */
  private static AbstractResponse send(
      String bootstrapServers, AbstractRequest request, ApiKeys api, short version)
      throws Exception {
    RequestHeader header = new RequestHeader(api, version, "hanging-transactions-it", 1);
    ByteBuffer bytes = request.serializeWithHeader(header);
    String[] hostAndPort = bootstrapServers.split(":");
    try (Socket socket = new Socket(hostAndPort[0], Integer.parseInt(hostAndPort[1]))) {
      socket.setSoTimeout(30_000);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeInt(bytes.remaining());
      out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] answer = in.readNBytes(in.readInt());
      return AbstractResponse.parseResponse(ByteBuffer.wrap(answer), header);
    }
  }
}
