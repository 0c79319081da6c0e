package dev.healthstreams.topology.interaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.config.ConfigError;
import dev.healthstreams.config.ConfigException;
import dev.healthstreams.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MedicationInteractionSettingsTest {
  private static final String DEFAULT_LOCATION = KnowledgeFile.DEFAULT_LOCATION;

  @TempDir Path dir;

  @Test
  void shouldDefaultToTheShippedKnowledgeFile() {
    MedicationInteractionSettings settings =
        read("topics: {medication-requests: fhir.medicationrequest}\n");

    assertEquals("classpath:/knowledge/interactions.yaml", settings.knowledgeFile());
  }

  @Test
  void shouldCarryTheKnowledgeItLoadedSoTheTopologyNeedNotReadTheFileAgain() {
    MedicationInteractionSettings settings = read("knowledge-file: " + DEFAULT_LOCATION + "\n");

    assertEquals(KnowledgeFile.load(DEFAULT_LOCATION), settings.knowledge());
    assertTrue(settings.knowledge().interactions().size() > 0);
  }

  @Test
  void shouldReadAFileLocationThroughEnvironmentSubstitution() throws Exception {
    Path file = dir.resolve("k.yaml");
    Files.copy(
        MedicationInteractionSettingsTest.class.getResourceAsStream("/knowledge/interactions.yaml"),
        file);

    MedicationInteractionSettings settings =
        ConfigLoader.readSettings(
            "knowledge-file: ${KNOWLEDGE}\n",
            MedicationInteractionSettings.reader(),
            Map.of("KNOWLEDGE", file.toString()));

    assertEquals(file.toString(), settings.knowledgeFile());
  }

  @Test
  void shouldReportAMissingKnowledgeFileAtItsKey() {
    ConfigError error = onlyError("knowledge-file: classpath:/knowledge/missing.yaml\n");

    assertEquals("knowledge-file", error.path());
    assertTrue(error.message().contains("not found on the classpath"), error.message());
  }

  @Test
  void shouldSummariseTheFirstProblemsOfABadKnowledgeFile() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        """
        groups:
          - {id: A, name: a, rxnorm: ["1"]}
          - {id: B, name: b, rxnorm: ["2"]}
          - {id: C, name: c, rxnorm: ["3"]}
          - {id: D, name: d, rxnorm: ["4"]}
        interactions: []
        """);

    ConfigError error = onlyError("knowledge-file: " + file + "\n");

    assertEquals("knowledge-file", error.path());
    assertTrue(error.message().contains("groups[0].id"), error.message());
    assertTrue(error.message().contains("(and 2 more)"), error.message());
  }

  @Test
  void shouldRejectUnknownKeys() {
    ConfigError error = onlyError("knowledge-fil: x\n");

    assertEquals("knowledge-fil", error.path());
  }

  private static MedicationInteractionSettings read(String yaml) {
    return ConfigLoader.readSettings(yaml, MedicationInteractionSettings.reader(), Map.of());
  }

  private static ConfigError onlyError(String yaml) {
    ConfigException e = assertThrows(ConfigException.class, () -> read(yaml));
    assertEquals(1, e.errors().size(), e.getMessage());
    return e.errors().get(0);
  }
}
