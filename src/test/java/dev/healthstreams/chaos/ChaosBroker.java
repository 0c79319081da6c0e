package dev.healthstreams.chaos;

import dev.healthstreams.runtime.EmbeddedKafka;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded KRaft broker as a process of its own, so the chaos run can {@code kill -9} it and
 * start it again on the same data directory (which keeps its ports). Prints {@link #READY} and the
 * bootstrap address once clients can use it, then runs until killed.
 */
public final class ChaosBroker {
  static final String READY = "CHAOS-BROKER-READY ";

  private ChaosBroker() {}

  public static void main(String[] args) throws InterruptedException {
    EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(args[0]));
    Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "chaos-broker-shutdown"));
    System.out.println(READY + kafka.bootstrapServers());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
