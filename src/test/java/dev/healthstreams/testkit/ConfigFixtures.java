package dev.healthstreams.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * Small whole config files (topologies.yaml) for tests that load, validate or build from one: the
 * kafka and app sections with the least they need, then the topologies a test asks for, each the
 * smallest valid block of its kind (the observation-alerting one with one heart-rate rule). A test
 * adds only the lines it is about:
 *
 * <pre>{@code
 * String yaml = ConfigFixtures.config().alerting("streams:", "  commit.interval.ms: 20").yaml();
 * }</pre>
 *
 * <p>The sections always come in the same order (kafka, app, topologies; alerting before
 * interaction) whatever the order of the calls. A test that checks a reported line finds it in the
 * text with {@link #lineOf}, not by counting this class's lines.
 */
public final class ConfigFixtures {
  private ConfigFixtures() {}

  /** kafka and app sections and an empty topologies section, to add to. */
  public static Builder config() {
    return new Builder();
  }

  /** The 1-based line of the only line of {@code yaml} containing {@code snippet}. */
  public static int lineOf(String yaml, String snippet) {
    String[] lines = yaml.split("\n", -1);
    int found = -1;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(snippet)) {
        if (found >= 0) {
          throw new IllegalArgumentException("snippet occurs more than once: " + snippet);
        }
        found = i + 1;
      }
    }
    if (found < 0) {
      throw new IllegalArgumentException("snippet not in fixture: " + snippet);
    }
    return found;
  }

  /** One config file; each method adds to it and returns it. */
  public static final class Builder {
    // Never contacted by validate; a test that builds serdes names its own mock:// scope.
    private String schemaRegistryUrl = "http://localhost:8081";
    private String kafkaProperties;
    private final List<String> appLines = new ArrayList<>();
    private List<String> alertingLines;
    private boolean interaction;

    private Builder() {}

    /** The registry URL, e.g. {@code "mock://" + SCOPE} for a test class's own scope. */
    public Builder schemaRegistry(String url) {
      schemaRegistryUrl = url;
      return this;
    }

    /** {@code kafka.properties} as one flow map, e.g. {@code {max.task.idle.ms: "0"}}. */
    public Builder kafkaProperties(String flowMap) {
      kafkaProperties = flowMap;
      return this;
    }

    /** Lines added under {@code app:} after its state-dir, indented as keys of app. */
    public Builder app(String... lines) {
      appLines.addAll(List.of(lines));
      return this;
    }

    /**
     * The observation-alerting topology (topics and one rule), with {@code extraLines} at the end
     * of its block, indented as keys of the topology (nested lines bring their own extra indent).
     */
    public Builder alerting(String... extraLines) {
      alertingLines = List.of(extraLines);
      return this;
    }

    /** The medication-interaction topology: its topics only, none shared with alerting's. */
    public Builder interaction() {
      interaction = true;
      return this;
    }

    public String yaml() {
      StringBuilder yaml = new StringBuilder();
      yaml.append("kafka:\n")
          .append("  bootstrap-servers: localhost:9092\n")
          .append("  schema-registry-url: ")
          .append(schemaRegistryUrl)
          .append('\n');
      if (kafkaProperties != null) {
        yaml.append("  properties: ").append(kafkaProperties).append('\n');
      }
      yaml.append("app:\n").append("  state-dir: /tmp/hs-state\n");
      appLines.forEach(line -> yaml.append("  ").append(line).append('\n'));
      yaml.append("topologies:\n");
      if (alertingLines != null) {
        yaml.append(ALERTING);
        alertingLines.forEach(line -> yaml.append("    ").append(line).append('\n'));
      }
      if (interaction) {
        yaml.append(INTERACTION);
      }
      return yaml.toString();
    }
  }

  private static final String ALERTING =
      """
        observation-alerting:
          topics:
            observations: a.obs
            patients: a.patients
            alerts: a.alerts
            dead-letter: a.dlq
          rules:
            - id: hr
              code: http://loinc.org|8867-4
              comparator: ge
              threshold: 131
              severity: critical
              description: heart rate
      """;

  private static final String INTERACTION =
      """
        medication-interaction:
          topics:
            medication-requests: m.requests
            medications: m.medications
            patients: m.patients
            knowledge: m.knowledge
            alerts: m.alerts
            dead-letter: m.dlq
      """;
}
