package dev.healthstreams.config;

/**
 * Fixture text for the loader tests; expectations come from this text itself ({@code
 * testkit.ConfigFixtures.lineOf}), not from the loader.
 */
final class YamlFixtures {
  private YamlFixtures() {}

  /** A valid minimal file with {@code topologiesBlock} (already indented) under topologies. */
  static String minimalWith(String topologiesBlock) {
    return """
        kafka:
          bootstrap-servers: localhost:9092
          schema-registry-url: mock://tests
        app:
          state-dir: /tmp/hs-state
        topologies:
        """
        + topologiesBlock;
  }

  static final String ALERTING_TOPICS =
      """
        observation-alerting:
          topics:
            observations: fhir.observation
            patients: fhir.patient
            alerts: clinical.alerts
            dead-letter: hs.alerting.dlq
      """;
}
