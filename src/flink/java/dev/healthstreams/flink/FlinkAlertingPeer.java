package dev.healthstreams.flink;

import dev.healthstreams.bench.BenchPeer;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.DataDirs;
import dev.healthstreams.topology.alerting.ObservationAlertingTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.LoggerFactory;

/**
 * The bench's Flink peer of observation-alerting (listed in META-INF/services under the Maven
 * profile {@code flink}): {@link ObservationAlertingJob} on a MiniCluster in the bench's process,
 * parallelism 2, against the bench's embedded broker and registry.
 */
public final class FlinkAlertingPeer implements BenchPeer {
  private static final Duration CANCEL = Duration.ofSeconds(60);

  @Override
  public String engine() {
    return "flink";
  }

  @Override
  public String topology() {
    return ObservationAlertingTopology.NAME;
  }

  @Override
  public Job start(AppConfig config, String groupId) {
    quietFlinkMetrics();
    String gate = groupId + "-" + UUID.randomUUID();
    AlertingJobSpec spec =
        AlertingJobSpec.of(config, groupId, AlertingJobSpec.DEFAULT_PARALLELISM, gate);
    Path checkpoints;
    try {
      checkpoints = Files.createTempDirectory(groupId + "-checkpoints");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the Flink job's checkpoint directory", e);
    }
    StreamExecutionEnvironment env = ObservationAlertingJob.localEnvironment(spec, checkpoints);
    ObservationAlertingJob.build(env, spec);
    try {
      return new Running(env.executeAsync(name()), gate, spec, checkpoints);
    } catch (Exception e) {
      PauseGates.drop(gate);
      DataDirs.deleteRecursively(checkpoints);
      throw new IllegalStateException("the Flink job did not start", e);
    }
  }

  /**
   * The KafkaSink's committer registers its gauges again at every checkpoint and Flink warns of
   * each name collision: twenty lines a second at a 50 ms interval.
   */
  private static void quietFlinkMetrics() {
    if (LoggerFactory.getLogger("org.apache.flink.metrics.MetricGroup")
        instanceof ch.qos.logback.classic.Logger logger) {
      logger.setLevel(ch.qos.logback.classic.Level.ERROR);
    }
  }

  private record Running(JobClient client, String gate, AlertingJobSpec spec, Path checkpoints)
      implements Job {
    @Override
    public void awaitRunning(Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      JobStatus status = status();
      while (status != JobStatus.RUNNING) {
        if (status.isTerminalState() || System.nanoTime() > deadline) {
          throw new IllegalStateException("the Flink job did not reach RUNNING: " + status);
        }
        sleep(50);
        status = status();
      }
    }

    private JobStatus status() {
      try {
        return client.getJobStatus().get(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("cannot read the Flink job's status", e);
      }
    }

    @Override
    public void pause() {
      PauseGates.named(gate).set(true);
    }

    @Override
    public void resume() {
      PauseGates.named(gate).set(false);
    }

    @Override
    public Map<String, String> settings() {
      Map<String, String> settings = new LinkedHashMap<>();
      settings.put(ENGINE, "Apache Flink " + EnvironmentInformation.getVersion() + " MiniCluster");
      settings.put("parallelism", String.valueOf(spec.parallelism()));
      settings.put("checkpoint-interval-ms", String.valueOf(spec.checkpointIntervalMs()));
      settings.put("sink", "KafkaSink EXACTLY_ONCE");
      settings.put("state-backend", "hashmap, checkpoints to local files");
      return settings;
    }

    @Override
    public void close() {
      resume(); // a paused task would hold up its own cancellation
      try {
        client.cancel().get(CANCEL.toMillis(), TimeUnit.MILLISECONDS);
        client
            .getJobExecutionResult()
            .handle((r, e) -> null)
            .get(CANCEL.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("the Flink job did not stop", e);
      } finally {
        PauseGates.drop(gate);
        DataDirs.deleteRecursively(checkpoints);
      }
    }

    /** The job, not its spec: a record's own string would carry every rule into an error line. */
    @Override
    public String toString() {
      return "Flink job " + client.getJobID();
    }

    private static void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
