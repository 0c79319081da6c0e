package dev.healthstreams.topology.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.healthstreams.config.ConfigError;
import dev.healthstreams.config.ConfigException;
import dev.healthstreams.config.ConfigLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsentTableSettingsTest {

  private static ConsentTableSettings read(String yaml) {
    return ConfigLoader.readSettings(yaml, ConsentTableSettings.reader(), Map.of());
  }

  private static List<String> errorPaths(String yaml) {
    ConfigException e = assertThrows(ConfigException.class, () -> read(yaml));
    return e.errors().stream().map(ConfigError::path).sorted().toList();
  }

  @Test
  void defaultsToDenyAllBreakGlassAndNoGates() {
    ConsentTableSettings settings = read("topics: {views: consent.views}\n");
    assertEquals(ImplicitPolicy.DENY_ALL, settings.implicitPolicy());
    assertEquals(List.of("BTG"), settings.breakGlassPurposes());
    assertEquals(List.of(), settings.gates());
  }

  @Test
  void readsPolicyBreakGlassAndGates() {
    ConsentTableSettings settings =
        read(
            """
            implicit-policy: permit-treatment
            break-glass-purposes: [BTG, ETREAT]
            gates:
              - name: out
                input: clinical.alerts
                permitted: partner.alerts
                denied: partner.withheld
                recipient: {organization: partner, roles: [PRCP, NURSE]}
                purpose: TREAT
            """);
    assertEquals(ImplicitPolicy.PERMIT_TREATMENT, settings.implicitPolicy());
    assertEquals(List.of("BTG", "ETREAT"), settings.breakGlassPurposes());
    assertEquals(
        List.of(
            new Gate(
                "out",
                "clinical.alerts",
                "partner.alerts",
                "partner.withheld",
                "partner",
                List.of("PRCP", "NURSE"),
                "TREAT",
                null,
                "access")),
        settings.gates());
  }

  @Test
  void reportsEveryProblemWithItsPath() {
    List<String> paths =
        errorPaths(
            """
            implicit-policy: permit-some
            gates:
              - name: out
                input: clinical.alerts
                permitted: clinical.alerts
                denied: "bad topic"
                recipient: {roles: [PRCP]}
              - name: out
                input: other
                permitted: a
                denied: b
                recipient: {organization: x}
                purpose: TREAT
                colour: red
            """);
    assertEquals(
        List.of(
            "gates[0].denied",
            "gates[0].permitted",
            "gates[0].purpose",
            "gates[0].recipient.organization",
            "gates[1].colour",
            "gates[1].name",
            "implicit-policy"),
        paths);
  }
}
