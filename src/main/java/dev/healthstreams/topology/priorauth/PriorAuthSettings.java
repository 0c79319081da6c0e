package dev.healthstreams.topology.priorauth;

import dev.healthstreams.config.SettingsReader;
import java.time.Duration;
import java.util.List;

/**
 * The prior-auth-projection topology's own settings.
 *
 * @param transitions the default table plus the config's {@code transitions:}
 * @param slaCheckInterval how often the wall-clock punctuator looks for due clocks and retention
 * @param statsInterval how often each task publishes the parts of the payer statistics that changed
 */
public record PriorAuthSettings(
    TransitionTable transitions,
    IllegalTransitions illegalTransitions,
    List<SlaRule> slas,
    int historyLimit,
    Duration slaCheckInterval,
    Duration statsInterval,
    RetentionPolicy retention) {
  public static final int DEFAULT_HISTORY_LIMIT = 50;
  public static final Duration DEFAULT_SLA_CHECK_INTERVAL = Duration.ofMinutes(1);
  public static final Duration DEFAULT_STATS_INTERVAL = Duration.ofSeconds(1);

  public PriorAuthSettings {
    slas = List.copyOf(slas);
  }

  public static PriorAuthSettings defaults() {
    return new PriorAuthSettings(
        TransitionTable.defaults(),
        IllegalTransitions.APPLY,
        SlaRule.defaults(),
        DEFAULT_HISTORY_LIMIT,
        DEFAULT_SLA_CHECK_INTERVAL,
        DEFAULT_STATS_INTERVAL,
        new RetentionPolicy(RetentionPolicy.DEFAULT));
  }

  public static SettingsReader<PriorAuthSettings> reader() {
    return PriorAuthSettingsReader::read;
  }

  public PriorAuthProjection projection() {
    return new PriorAuthProjection(
        transitions, illegalTransitions, new SlaClocks(slas), historyLimit);
  }
}
