package dev.healthstreams.cli;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.NdjsonReplayer;
import dev.healthstreams.runtime.StreamsProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Produce FHIR NDJSON files (plain or .gz) to a topic, key = resource id.",
      "Reaches a running embedded mode through .healthstreams/embedded.env."
    })
final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @Mixin EmbeddedEnvOption embeddedEnv;

  @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "Target topic.")
  String topic;

  @Option(
      names = "--rate",
      defaultValue = "0",
      paramLabel = "N",
      description = "Records per second; 0 = as fast as possible (default).")
  double rate;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "NDJSON files, plain or gzip.")
  List<Path> files;

  @Override
  public Integer call() {
    for (Path file : files) {
      if (!Files.isReadable(file)) {
        throw new UsageException("cannot read " + file);
      }
    }
    AppConfig loaded = config.loadPreferringEmbedded(embeddedEnv.file);
    ProgressBar progress = new ProgressBar(spec.commandLine().getErr(), topic);
    try (Producer<String, byte[]> producer = producer(loaded)) {
      long sent;
      try {
        sent = new NdjsonReplayer(producer).replay(files, topic, rate, progress::update);
      } catch (KafkaException e) {
        // Kafka's own message names neither the cluster nor, for a timeout, the cause: say both.
        Throwable cause = e.getCause() == null ? e : e.getCause();
        throw new KafkaException(
            firstLine(e.getMessage())
                + " (Kafka at "
                + loaded.kafka().bootstrapServers()
                + "): "
                + cause.getClass().getSimpleName()
                + ": "
                + firstLine(cause.getMessage()),
            e);
      } finally {
        progress.finish();
      }
      spec.commandLine().getOut().printf("sent %d records to %s%n", sent, topic);
      spec.commandLine().getOut().flush();
    }
    return Cli.OK;
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  static Producer<String, byte[]> producer(AppConfig config) {
    Map<String, Object> props = StreamsProperties.clientProperties(config);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    // An unreachable cluster fails the replay within the configured start-up bound.
    int timeoutMs = (int) config.app().startupTimeout().toMillis();
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs + 20);
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }
}
