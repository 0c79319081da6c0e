package dev.healthstreams.flink;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * observation-alerting as an Apache Flink job, the peer {@code bench} measures beside the Kafka
 * Streams topology (issue 15): the same inputs, rules, enrichment, gate and outputs, with Flink's
 * exactly-once (checkpoints, a transactional KafkaSink) in place of exactly_once_v2. Wiring only:
 * the steps are the named functions, the rules the topology's own classes.
 *
 * <pre>
 * observations -> evaluate-rules -(keyBy patient)-> enrich-and-gate -> write-alerts (+ routes)
 * patients -> summarise-patient -(keyBy patient)--^          dead letters of both -^
 * </pre>
 */
public final class ObservationAlertingJob {
  static final TypeInformation<Outgoing> OUTGOING = TypeInformation.of(Outgoing.class);

  /**
   * Above the checkpoint interval with room for a slow checkpoint, and within the broker's
   * transaction.max.timeout.ms (15 min by default; Flink's own default, 1 h, is refused). A job
   * stopped mid-transaction holds back read_committed readers of its outputs for at most this long.
   */
  static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(1);

  private ObservationAlertingJob() {}

  /**
   * A MiniCluster in this process with the spec's parallelism, checkpointing exactly-once every
   * {@link AlertingJobSpec#checkpointIntervalMs} (the topology's commit.interval.ms), state on the
   * heap (Flink's default HashMap backend) and checkpoints written to files under {@code
   * checkpoints}: the JobManager's memory, Flink's default storage, refuses state above 5 MiB,
   * which the gate of 10,000 patients passes, and keeps nothing a restart could use.
   */
  public static StreamExecutionEnvironment localEnvironment(
      AlertingJobSpec spec, Path checkpoints) {
    Configuration config = new Configuration();
    config.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
    // A failure fails the job: restarted in the middle of a measurement, it would make its figures
    // meaningless, and a job failing at every checkpoint would loop unseen.
    config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(spec.parallelism(), config);
    env.enableCheckpointing(spec.checkpointIntervalMs(), CheckpointingMode.EXACTLY_ONCE);
    // The functions keep no reference to a record after handing it on: no defensive copies
    // between chained operators (the source and evaluate-rules above all).
    env.getConfig().enableObjectReuse();
    return env;
  }

  /** Adds the job to {@code env}. */
  public static void build(StreamExecutionEnvironment env, AlertingJobSpec spec) {
    SingleOutputStreamOperator<AlertRecord> unenriched =
        env.fromSource(
                source(spec, spec.observationsTopic(), "observations"),
                WatermarkStrategy.noWatermarks(),
                "read-observations")
            .uid("read-observations")
            .process(new EvaluateObservations(spec), TypeInformation.of(AlertRecord.class))
            .name("evaluate-rules")
            .uid("evaluate-rules");
    SingleOutputStreamOperator<PatientRecord> patients =
        env.fromSource(
                source(spec, spec.patientsTopic(), "patients"),
                WatermarkStrategy.noWatermarks(),
                "read-patients")
            .uid("read-patients")
            .process(
                new SummarisePatients(spec.deadLetterTopic()),
                TypeInformation.of(PatientRecord.class))
            .name("summarise-patient")
            .uid("summarise-patient");
    DataStream<Outgoing> alerts =
        unenriched
            .keyBy(alert -> alert.patientId, Types.STRING)
            .connect(patients.keyBy(patient -> patient.patientId, Types.STRING))
            .process(new AlertGate(spec), OUTGOING)
            .name("enrich-deduplicate-and-suppress")
            .uid("enrich-deduplicate-and-suppress");
    alerts
        .union(
            unenriched.getSideOutput(EvaluateObservations.DEAD_LETTERS),
            patients.getSideOutput(SummarisePatients.DEAD_LETTERS))
        .sinkTo(sink(spec))
        .name("write-alerts")
        .uid("write-alerts");
  }

  /**
   * A topic from the start, read_committed as Kafka Streams reads under exactly_once_v2. The source
   * commits its offsets to Kafka, under the spec's group, when a checkpoint completes: by then the
   * sink has flushed and prepared the transaction holding the outputs of everything before those
   * offsets, and commits it on the same completion (bench times the job by these commits).
   */
  private static KafkaSource<InputRecord> source(AlertingJobSpec spec, String topic, String role) {
    return KafkaSource.<InputRecord>builder()
        .setBootstrapServers(spec.bootstrapServers())
        .setProperties(properties(spec))
        .setTopics(topic)
        .setGroupId(spec.groupId())
        .setClientIdPrefix(spec.groupId() + "-" + role)
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setDeserializer(new InputDeserializer())
        .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
        .setProperty(KafkaSourceOptions.COMMIT_OFFSETS_ON_CHECKPOINT.key(), "true")
        .build();
  }

  /**
   * Exactly-once: a transaction per checkpoint and writer, committed when the checkpoint completes.
   * POOLING reuses a few transactional ids instead of a new one per checkpoint, which at a
   * checkpoint every 50 ms would mean a new producer registration each time.
   */
  private static KafkaSink<Outgoing> sink(AlertingJobSpec spec) {
    Properties producer = properties(spec);
    producer.setProperty(
        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, String.valueOf(TRANSACTION_TIMEOUT.toMillis()));
    return KafkaSink.<Outgoing>builder()
        .setBootstrapServers(spec.bootstrapServers())
        .setKafkaProducerConfig(producer)
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(spec.groupId())
        .setTransactionNamingStrategy(TransactionNamingStrategy.POOLING)
        .setRecordSerializer(
            new OutgoingSerializer(
                spec.registryUrl(), new HashMap<>(spec.kafkaProperties()), outputTopics(spec)))
        .build();
  }

  private static List<String> outputTopics(AlertingJobSpec spec) {
    List<String> topics = new ArrayList<>(List.of(spec.alertsTopic(), spec.deadLetterTopic()));
    spec.routes().values().forEach(topics::addAll);
    return topics.stream().distinct().toList();
  }

  private static Properties properties(AlertingJobSpec spec) {
    Properties props = new Properties();
    props.putAll(spec.kafkaProperties());
    return props;
  }
}
