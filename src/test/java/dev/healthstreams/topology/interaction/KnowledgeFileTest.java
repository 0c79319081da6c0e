package dev.healthstreams.topology.interaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.config.ConfigError;
import dev.healthstreams.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeFileTest {

  private static final String VALID =
      """
      groups:
        - {id: warfarin, name: Warfarin, rxnorm: ["11289", "855332"]}
        - {id: nsaid, name: NSAIDs, rxnorm: ["5640", "206905", "849574"]}
      interactions:
        - id: warfarin-nsaid
          groups: [warfarin, nsaid]
          severity: major
          description: Increased bleeding risk
          management: Avoid, or monitor INR and for bleeding
          source: ONC high-priority DDI list
      """;

  @TempDir Path dir;

  @Test
  void shouldLoadTheShippedFile() {
    KnowledgeBase shipped = KnowledgeFile.load(KnowledgeFile.DEFAULT_LOCATION);

    // Counted independently with python3 yaml.safe_load on the same file.
    assertEquals(40, shipped.groups().size());
    assertEquals(44, shipped.interactions().size());
    for (Interaction interaction : shipped.interactions()) {
      assertTrue(interaction.source() != null, interaction.id() + " names its source");
    }
  }

  @Test
  void shouldReadAValidFileWithEmbeddedGroups() {
    KnowledgeBase base = KnowledgeFile.parse(VALID);

    DrugGroup warfarin = new DrugGroup("warfarin", "Warfarin", Set.of("11289", "855332"));
    DrugGroup nsaid = new DrugGroup("nsaid", "NSAIDs", Set.of("5640", "206905", "849574"));
    assertEquals(List.of(warfarin, nsaid), base.groups());
    assertEquals(
        List.of(
            new Interaction(
                "warfarin-nsaid",
                warfarin,
                nsaid,
                InteractionSeverity.MAJOR,
                "Increased bleeding risk",
                "Avoid, or monitor INR and for bleeding",
                "ONC high-priority DDI list")),
        base.interactions());
    // File order is kept, so what is published is stable.
    assertEquals(List.of("5640", "206905", "849574"), List.copyOf(base.groups().get(1).rxnorm()));
  }

  @Test
  void shouldLeaveManagementAndSourceEmptyWhenAbsent() {
    String yaml = VALID.replaceAll("(?m)^ *(management|source):.*\n", "");
    assertTrue(!yaml.contains("management") && !yaml.contains("source"), yaml);

    Interaction interaction = KnowledgeFile.parse(yaml).interactions().get(0);

    assertNull(interaction.management());
    assertNull(interaction.source());
  }

  @Test
  void shouldReportEveryGroupErrorWithItsPath() {
    String yaml =
        """
        groups:
          - {id: Warfarin, name: Warfarin, rxnorm: ["11289"]}
          - {id: nsaid, name: NSAIDs, rxnorm: []}
          - {id: nsaid, name: Again, rxnorm: ["5640"]}
          - {id: ssri, name: SSRIs, rxnorm: ["4493", "abc"]}
          - {id: statin, name: Statins}
          - {id: twice, name: Twice, rxnorm: ["1", "1"]}
          - {id: other, rxnorm: ["2"], colour: red}
        interactions:
          - {id: x, groups: [nsaid, ssri], severity: major, description: d}
        """;

    List<ConfigError> errors = errors(yaml);

    assertHas(errors, "groups[0].id", "must match");
    assertHas(errors, "groups[1].rxnorm", "at least one RxNorm code");
    assertHas(errors, "groups[2].id", "duplicate group id 'nsaid'");
    assertHas(errors, "groups[3].rxnorm", "'abc' is not an RxNorm code");
    assertHas(errors, "groups[4].rxnorm", "is required");
    assertHas(errors, "groups[5].rxnorm", "'1' is listed twice");
    assertHas(errors, "groups[6].name", "is required");
    assertHas(errors, "groups[6].colour", "unknown key");
  }

  @Test
  void shouldReportEveryInteractionErrorWithItsPath() {
    String yaml =
        """
        groups:
          - {id: a, name: A, rxnorm: ["1"]}
          - {id: b, name: B, rxnorm: ["2"]}
        interactions:
          - {id: a-b, groups: [a, b], severity: major, description: d}
          - {id: a-b, groups: [a, b], severity: major, description: d}
          - {id: a-c, groups: [a, c], severity: major, description: d}
          - {id: three, groups: [a, b, a], severity: major, description: d}
          - {id: severe, groups: [a, b], severity: severe, description: d}
          - {id: no-description, groups: [a, b], severity: minor}
          - {id: no-severity, groups: [a, b], description: d}
          - {id: Bad Id, groups: [a, b], severity: minor, description: d}
          - {id: no-groups, severity: minor, description: d}
        """;

    List<ConfigError> errors = errors(yaml);

    assertHas(errors, "interactions[1].id", "duplicate interaction id 'a-b'");
    assertHas(errors, "interactions[2].groups", "'c' is not a group id");
    assertHas(errors, "interactions[3].groups", "exactly 2 groups, found 3");
    assertHas(
        errors,
        "interactions[4].severity",
        "'severe' is not one of contraindicated, major, moderate, minor");
    assertHas(errors, "interactions[5].description", "is required");
    assertHas(errors, "interactions[6].severity", "is required");
    assertHas(errors, "interactions[7].id", "must match");
    assertHas(errors, "interactions[8].groups", "is required");
    assertEquals(8, errors.size(), errors.toString());
  }

  @Test
  void shouldNotAddAFollowUpErrorForAnInteractionOnABrokenGroup() {
    String yaml =
        """
        groups:
          - {id: a, name: A, rxnorm: ["x"]}
          - {id: b, name: B, rxnorm: ["2"]}
        interactions:
          - {id: a-b, groups: [a, b], severity: major, description: d}
        """;

    List<ConfigError> errors = errors(yaml);

    assertEquals(1, errors.size(), errors.toString());
    assertEquals("groups[0].rxnorm", errors.get(0).path());
  }

  @Test
  void shouldRequireGroupsAndInteractions() {
    List<ConfigError> errors = errors("topics: {a: b}\n");

    assertHas(errors, "groups", "at least one group");
    assertHas(errors, "interactions", "at least one interaction");
    assertHas(errors, "topics", "unknown key");
  }

  @Test
  void shouldLoadAFilePath() throws Exception {
    Path file = dir.resolve("knowledge.yaml");
    Files.writeString(file, VALID, StandardCharsets.UTF_8);

    assertEquals(1, KnowledgeFile.load(file.toString()).interactions().size());
  }

  @Test
  void shouldLoadAClasspathResourceWithOrWithoutLeadingSlash() {
    assertEquals(
        KnowledgeFile.load("classpath:/knowledge/interactions.yaml"),
        KnowledgeFile.load("classpath:knowledge/interactions.yaml"));
  }

  @Test
  void shouldNameAMissingFile() {
    String missing = dir.resolve("nope.yaml").toString();

    ConfigException onDisk = assertThrows(ConfigException.class, () -> KnowledgeFile.load(missing));
    ConfigException onClasspath =
        assertThrows(ConfigException.class, () -> KnowledgeFile.load("classpath:/nope.yaml"));

    assertEquals(missing, onDisk.errors().get(0).path());
    assertTrue(onDisk.getMessage().contains("not found"), onDisk.getMessage());
    assertEquals("classpath:/nope.yaml", onClasspath.errors().get(0).path());
    assertTrue(onClasspath.getMessage().contains("not found on the classpath"));
  }

  @Test
  void shouldNameTheFileForInvalidYaml() throws Exception {
    Path file = dir.resolve("broken.yaml");
    Files.writeString(file, "groups: [\n", StandardCharsets.UTF_8);

    ConfigException e =
        assertThrows(ConfigException.class, () -> KnowledgeFile.load(file.toString()));

    assertEquals(file.toString(), e.errors().get(0).path());
    assertTrue(e.getMessage().contains("invalid YAML"), e.getMessage());
  }

  @Test
  void shouldKeepInFilePathsWhenLoadingABadFile() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, VALID.replace("severity: major", "severity: high"));

    ConfigException e =
        assertThrows(ConfigException.class, () -> KnowledgeFile.load(file.toString()));

    assertEquals("interactions[0].severity", e.errors().get(0).path());
    // Line 7 of VALID: "    severity: major".
    assertEquals(7, e.errors().get(0).line());
  }

  static List<ConfigError> errors(String yaml) {
    return assertThrows(ConfigException.class, () -> KnowledgeFile.parse(yaml)).errors();
  }

  static void assertHas(List<ConfigError> errors, String path, String messagePart) {
    boolean found =
        errors.stream().anyMatch(e -> e.path().equals(path) && e.message().contains(messagePart));
    assertTrue(
        found,
        () ->
            "no error at "
                + path
                + " containing '"
                + messagePart
                + "' in:\n"
                + errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
  }
}
