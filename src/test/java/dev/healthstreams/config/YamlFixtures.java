package dev.healthstreams.config;

/** Helpers that compute expectations from the fixture text itself, not from the loader. */
final class YamlFixtures {
  private YamlFixtures() {}

  /** The 1-based line of the only line containing {@code snippet}. */
  static int lineOf(String yaml, String snippet) {
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
