package dev.healthstreams.cli;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.StartupException;
import dev.healthstreams.runtime.StreamsProperties;
import dev.healthstreams.serde.RecordJson;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.serde.SchemaRegistryClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = {
      "Print a topic's records as JSON lines (Avro decoded through the schema registry).",
      "Reaches a running embedded mode through .healthstreams/embedded.env."
    })
final class TailCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @Mixin EmbeddedEnvOption embeddedEnv;

  @Parameters(paramLabel = "TOPIC", description = "Topic to read.")
  String topic;

  @Option(names = "--from-beginning", description = "Start at the earliest offset, not the end.")
  boolean fromBeginning;

  @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
  Long max;

  @Option(
      names = "--idle-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Stop when no record arrived for this long (e.g. 10s); default: never.")
  Duration idleTimeout;

  @Override
  public Integer call() {
    AppConfig loaded = config.loadPreferringEmbedded(embeddedEnv.file);
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Object> props = StreamsProperties.clientProperties(loaded);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(
        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
        (int) loaded.app().startupTimeout().toMillis());
    try (SchemaRegistryClient registry =
            SchemaRegistries.connect(
                loaded.kafka().schemaRegistryUrl(), loaded.kafka().properties());
        KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          partitions(consumer, loaded.kafka().bootstrapServers(), loaded.app().startupTimeout());
      consumer.assign(partitions);
      if (fromBeginning) {
        consumer.seekToBeginning(partitions);
      } else {
        consumer.seekToEnd(partitions);
      }
      long printed = 0;
      long lastRecordAt = System.nanoTime();
      while (max == null || printed < max) {
        var records = consumer.poll(Duration.ofMillis(200));
        if (records.isEmpty()) {
          if (idleTimeout != null && System.nanoTime() - lastRecordAt > idleTimeout.toNanos()) {
            break;
          }
          continue;
        }
        lastRecordAt = System.nanoTime();
        for (ConsumerRecord<byte[], byte[]> r : records) {
          out.println(RecordJson.toLine(RecordJson.toJson(r, registry)));
          if (max != null && ++printed >= max) {
            break;
          }
        }
        out.flush();
      }
    }
    return Cli.OK;
  }

  private List<TopicPartition> partitions(
      KafkaConsumer<byte[], byte[]> consumer, String bootstrapServers, Duration metadataTimeout) {
    List<PartitionInfo> infos;
    try {
      infos = consumer.partitionsFor(topic, metadataTimeout);
    } catch (TimeoutException e) {
      throw new StartupException(
          "Kafka at "
              + bootstrapServers
              + " did not answer within "
              + metadataTimeout.toSeconds()
              + " s (fetching the partitions of "
              + topic
              + ")",
          e);
    }
    if (infos == null || infos.isEmpty()) {
      throw new UsageException("topic " + topic + " does not exist");
    }
    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
  }
}
