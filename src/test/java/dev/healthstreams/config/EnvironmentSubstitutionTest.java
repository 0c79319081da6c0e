package dev.healthstreams.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentSubstitutionTest {
  private final EnvironmentSubstitution substitution =
      new EnvironmentSubstitution(
          Map.of("HOST", "db.internal", "EMPTY", "", "TRICKY", "${HOST}", "env", "lowercase-var"));

  private String value(String text) {
    EnvironmentSubstitution.Result result = substitution.apply(text);
    assertEquals(List.of(), result.problems());
    return result.value();
  }

  @Test
  void shouldReplaceSetVariableAndIgnoreItsDefault() {
    assertEquals("db.internal", value("${HOST}"));
    assertEquals("db.internal", value("${HOST:-localhost}"));
  }

  @Test
  void shouldUseDefaultWhenUnsetOrEmptyLikeTheShell() {
    assertEquals("localhost", value("${MISSING:-localhost}"));
    assertEquals("fallback", value("${EMPTY:-fallback}"));
    assertEquals("", value("${EMPTY}"));
    assertEquals("", value("${MISSING:-}"));
  }

  @Test
  void shouldReplaceSeveralReferencesAndKeepSurroundingText() {
    assertEquals("jdbc://db.internal:5432/x", value("jdbc://${HOST}:${PORT:-5432}/x"));
  }

  @Test
  void shouldNotExpandReferencesInsideSubstitutedValues() {
    assertEquals("${HOST}", value("${TRICKY}"));
  }

  @Test
  void shouldLeaveConfigProviderReferencesAndNonReferencesAlone() {
    for (String untouched :
        List.of(
            "${file:/etc/kafka/secrets.properties:jaas}",
            "${env:KAFKA_PASSWORD}",
            "${vault:secret/data/kafka:password}",
            "$HOST",
            "${HOST",
            "plain text")) {
      assertEquals(untouched, value(untouched));
    }
  }

  @Test
  void shouldTreatLowercaseNameWithColonDashAsVariable() {
    assertEquals("lowercase-var", value("${env:-x}"));
  }

  @Test
  void shouldReportEachUnsetVariable() {
    assertEquals(
        List.of("environment variable A is not set", "environment variable B is not set"),
        substitution.apply("${A}-${B}").problems());
  }

  @Test
  void shouldReportMalformedReferenceWithoutQuotingIt() {
    List<String> problems = substitution.apply("${BOOTSTRAP:localhost:9092}").problems();

    assertEquals(1, problems.size());
    assertEquals(-1, problems.get(0).indexOf("localhost"));
  }
}
