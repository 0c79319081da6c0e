package dev.healthstreams.topology.support;

import java.util.Map;

/**
 * Set by {@code backtest} in the streams properties. A backtest's wall clock stops at its last
 * record, so what a processor publishes from time to time on the wall clock (the PA statistics'
 * parts) goes out at every change instead, and the output files end with the final values.
 */
public final class BacktestMode {
  public static final String CONFIG = "healthstreams.backtest";

  private BacktestMode() {}

  public static boolean isOn(Map<String, Object> appConfigs) {
    return Boolean.parseBoolean(String.valueOf(appConfigs.get(CONFIG)));
  }
}
