package dev.healthstreams.bench;

import dev.healthstreams.config.AppConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Another engine running the job of one registered topology, which {@code bench} measures beside it
 * with the same phases on the same copies of the input (on topics of its own), its row named {@code
 * <engine>-<topology>}. Found with {@link ServiceLoader}: the shipped jar holds none; the Maven
 * profile {@code flink} adds Apache Flink's (README, "The Flink peer"), so the app never imports
 * Flink.
 */
public interface BenchPeer {

  /** The key of {@link Job#settings()} that names the engine, so the report says what ran. */
  String ENGINE = "engine";

  /** The engine, such as {@code flink}; lower case, no spaces. */
  String engine();

  /** The registered topology whose job this peer runs. */
  String topology();

  /** The row the peer's figures go in. */
  default String name() {
    return engine() + "-" + topology();
  }

  /**
   * Starts the job and returns once it is submitted.
   *
   * @param config the topology's block alone, its topics those of the peer's run, on the bench's
   *     broker and registry
   * @param groupId the consumer group the job commits its input offsets in, and only once its
   *     outputs of those inputs are committed: the bench times it by them as it times a topology
   */
  Job start(AppConfig config, String groupId);

  /** A running job. */
  interface Job extends AutoCloseable {
    /** Waits until the job runs, or throws after {@code timeout}. */
    void awaitRunning(Duration timeout);

    /** Stops taking input until {@link #resume}, keeping its state and position. */
    void pause();

    void resume();

    /** What the job ran with, for the report; {@link #ENGINE} names the engine. */
    Map<String, String> settings();

    /** Stops the job and frees what it held. */
    @Override
    void close();
  }

  /** The peers on the class path, in the order the service files list them. */
  static List<BenchPeer> onClassPath() {
    return ServiceLoader.load(BenchPeer.class).stream().map(ServiceLoader.Provider::get).toList();
  }
}
