package dev.healthstreams.topology.priorauth;

import dev.healthstreams.config.ConfigNode;
import dev.healthstreams.config.InvalidValue;
import dev.healthstreams.config.Parser;
import dev.healthstreams.config.Parsers;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads {@link PriorAuthSettings}; like every settings reader it records each problem with its path
 * on the node and carries on, so one run reports them all.
 */
final class PriorAuthSettingsReader {
  /** The from-key of {@code transitions:} that means "no earlier event". */
  static final String START = "start";

  private static final int MAX_HISTORY_LIMIT = 10_000;

  private PriorAuthSettingsReader() {}

  static PriorAuthSettings read(ConfigNode block) {
    IllegalTransitions policy =
        block
            .value("illegal-transitions", Parsers.kebabEnum(IllegalTransitions.class))
            .orElse(IllegalTransitions.APPLY);
    TransitionTable transitions = TransitionTable.defaults().adding(readTransitions(block));
    List<SlaRule> slas = block.has("slas") ? readRules(block) : SlaRule.defaults();
    int historyLimit =
        block
            .value("history-limit", Parsers.integer(1, MAX_HISTORY_LIMIT))
            .orElse(PriorAuthSettings.DEFAULT_HISTORY_LIMIT);
    Duration interval =
        atLeastAMillisecond(
            block, "sla-check-interval", PriorAuthSettings.DEFAULT_SLA_CHECK_INTERVAL);
    Duration statsInterval =
        atLeastAMillisecond(block, "stats-interval", PriorAuthSettings.DEFAULT_STATS_INTERVAL);
    TemporalAmount retention = readRetention(block);
    return new PriorAuthSettings(
        transitions,
        policy == null ? IllegalTransitions.APPLY : policy,
        slas,
        historyLimit,
        interval,
        statsInterval,
        new RetentionPolicy(retention));
  }

  private static Duration atLeastAMillisecond(ConfigNode block, String key, Duration defaultValue) {
    Duration value = block.value(key, Parsers.duration()).orElse(defaultValue);
    // A punctuator's interval is whole milliseconds: Kafka Streams refuses less at task start.
    if (value.compareTo(Duration.ofMillis(1)) < 0) {
      block.error(key, "must be at least 1 ms");
      return defaultValue;
    }
    return value;
  }

  /** A duration (P30D, PT12H) or a calendar period (P1Y, P6M), longer than zero. */
  private static TemporalAmount readRetention(ConfigNode block) {
    String key = "retention-after-last-change";
    Parser<TemporalAmount> parser =
        Parser.of(
            text -> {
              TemporalAmount amount = parseAmount(text);
              boolean positive =
                  amount instanceof Duration d
                      ? !d.isNegative() && !d.isZero()
                      : !((Period) amount).isNegative() && !((Period) amount).isZero();
              if (!positive) {
                throw new InvalidValue("'" + text + "' must be longer than zero");
              }
              return amount;
            },
            RetentionPolicy.DEFAULT);
    return block.value(key, parser).orElse(RetentionPolicy.DEFAULT);
  }

  private static TemporalAmount parseAmount(String text) {
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException notADuration) {
      try {
        return Period.parse(text);
      } catch (DateTimeParseException notAPeriod) {
        throw new InvalidValue("'" + text + "' is not an ISO-8601 duration or period (e.g. P1Y)");
      }
    }
  }

  private static Map<PriorAuthStatus, Set<PriorAuthStatus>> readTransitions(ConfigNode block) {
    Map<PriorAuthStatus, Set<PriorAuthStatus>> additions = new HashMap<>();
    Map<String, List<String>> listed = block.listMap("transitions", Parsers.string());
    if (listed.isEmpty()) {
      return additions;
    }
    // The same mapping as a node, to report a bad status at its own entry's path.
    ConfigNode entries = block.child("transitions").orElseThrow();
    listed.forEach(
        (from, targets) -> {
          entries.has(from);
          PriorAuthStatus fromStatus = null;
          if (!START.equals(from)) {
            fromStatus = lifecycleStatus(entries, from, from);
            if (fromStatus == null) {
              return;
            }
          }
          Set<PriorAuthStatus> to = EnumSet.noneOf(PriorAuthStatus.class);
          for (String target : targets) {
            PriorAuthStatus status = lifecycleStatus(entries, from, target);
            if (status != null) {
              to.add(status);
            }
          }
          additions
              .computeIfAbsent(fromStatus, f -> EnumSet.noneOf(PriorAuthStatus.class))
              .addAll(to);
        });
    return additions;
  }

  private static List<SlaRule> readRules(ConfigNode block) {
    List<ConfigNode> nodes = block.list("slas");
    List<SlaRule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (ConfigNode node : nodes) {
      SlaRule rule = readRule(node, ids);
      if (rule != null) {
        rules.add(rule);
      }
    }
    return rules;
  }

  /** The rule, or null when any of its fields is wrong (the errors are recorded on the node). */
  private static SlaRule readRule(ConfigNode node, Set<String> ids) {
    boolean valid = true;
    String id = node.value("id", Parsers.id()).required();
    if (id.isEmpty()) {
      valid = false;
    } else if (!ids.add(id)) {
      node.error("id", "duplicate SLA id '" + id + "'");
      valid = false;
    }
    Set<PriorAuthStatus> from = statuses(node, "from");
    Set<PriorAuthStatus> until = statuses(node, "until");
    Duration within = node.value("within", Parsers.duration()).optional().orElse(null);
    if (within == null) {
      if (!node.has("within")) {
        node.error("within", "is required");
      }
      valid = false; // a bad value has been reported
    }
    Duration urgentWithin = node.value("urgent-within", Parsers.duration()).optional().orElse(null);
    Duration maxExtension =
        node.value("max-extension", Parsers.duration()).orElse(SlaRule.DEFAULT_MAX_EXTENSION);
    if (within != null && within.isZero()) {
      node.error("within", "must be longer than zero");
      valid = false;
    }
    if (urgentWithin != null && urgentWithin.isZero()) {
      node.error("urgent-within", "must be longer than zero");
      valid = false;
    }
    if (from == null || until == null || !valid) {
      return null;
    }
    return new SlaRule(id, from, until, within, urgentWithin, maxExtension);
  }

  /** Lifecycle statuses under {@code key}, at least one; null after recording an error. */
  private static Set<PriorAuthStatus> statuses(ConfigNode node, String key) {
    List<String> names = node.values(key, Parsers.string()).required();
    if (names.isEmpty()) {
      if (node.has(key)) {
        node.error(key, "at least one status is required");
      }
      return null;
    }
    Set<PriorAuthStatus> statuses = new LinkedHashSet<>();
    for (String name : names) {
      PriorAuthStatus status = lifecycleStatus(node, key, name);
      if (status == null) {
        return null;
      }
      statuses.add(status);
    }
    return statuses;
  }

  private static PriorAuthStatus lifecycleStatus(ConfigNode node, String key, String name) {
    PriorAuthStatus status = PriorAuthStatus.named(name).orElse(null);
    if (status == null || !status.isLifecycle()) {
      node.error(key, "'" + name + "' is not a PA lifecycle status, one of " + lifecycleNames());
      return null;
    }
    return status;
  }

  private static String lifecycleNames() {
    return Arrays.stream(PriorAuthStatus.values())
        .filter(PriorAuthStatus::isLifecycle)
        .map(Enum::name)
        .collect(Collectors.joining(", "));
  }
}
