package dev.healthstreams.chaos;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.Backtest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The expected outputs: {@code backtest} (one process, no broker) of each topology over the input.
 */
final class Recomputation {
  private Recomputation() {}

  /** The backtest's output directory per topology. */
  static Map<String, Path> backtest(AppConfig config, ChaosInput input, Path dir) {
    Map<String, Path> outputs = new LinkedHashMap<>();
    for (String topology : Replica.TOPOLOGIES) {
      Path out = dir.resolve(topology);
      Backtest.run(config, topology, input.inputsOf(topology), out);
      outputs.put(topology, out);
    }
    return outputs;
  }
}
