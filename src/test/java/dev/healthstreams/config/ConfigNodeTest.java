package dev.healthstreams.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.config.AppSettings.ProcessingGuarantee;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigNodeTest {
  private final LoadContext context =
      new LoadContext("t.yaml", new EnvironmentSubstitution(Map.of("THREADS", "3")));

  private ConfigNode node(String yaml) {
    return ConfigNode.of(YamlDocuments.parseMapping(yaml, "t.yaml"), "", 1, context);
  }

  private List<String> errorTexts() {
    return context.finish().stream().map(ConfigError::toString).toList();
  }

  @Test
  void shouldTreatAbsentAndNullValuesAlikeForOptionalKeys() {
    ConfigNode node = node("a: ~\nb:\n");

    assertEquals(Optional.empty(), node.value("a", Parsers.string()).optional());
    assertEquals("d", node.value("b", Parsers.string()).orElse("d"));
    assertEquals(Optional.empty(), node.value("c", Parsers.number()).optional());
    assertEquals(List.of(), errorTexts());
  }

  @Test
  void shouldAcceptWholeNumbersInAnyDecimalSpellingAndSubstitutedText() {
    ConfigNode node = node("a: 1e3\nb: 2.0\nc: ${THREADS}\nd: -7\n");

    assertEquals(1000, (int) node.value("a", Parsers.integer(0, 5000)).orElse(0));
    assertEquals(2, (int) node.value("b", Parsers.integer(0, 5)).orElse(0));
    assertEquals(3, (int) node.value("c", Parsers.integer(1, 64)).orElse(1));
    assertEquals(-7, (int) node.value("d", Parsers.integer(-10, 10)).orElse(0));
    assertEquals(List.of(), errorTexts());
  }

  @Test
  void shouldRejectFractionsHugeNumbersAndNonDecimalSpellings() {
    ConfigNode node = node("a: 1.5\nb: 99999999999999999999\nc: NaN\nd: 0x10\n");

    assertEquals(9, (int) node.value("a", Parsers.integer(0, 10)).orElse(9));
    assertEquals(9, (int) node.value("b", Parsers.integer(0, 10)).orElse(9));
    assertEquals(0.0, (double) node.value("c", Parsers.number()).required());
    assertEquals(Optional.empty(), node.value("d", Parsers.number()).optional());
    assertEquals(
        List.of(
            "a (line 1): '1.5' is not a whole number",
            "b (line 2): must be between 0 and 10",
            "c (line 3): 'NaN' is not a number",
            "d (line 4): '0x10' is not a number"),
        errorTexts());
  }

  @Test
  void shouldReadNumbersAndBooleans() {
    ConfigNode node = node("n: -1.5e2\nt: TRUE\nf: false\n");

    assertEquals(-150.0, (double) node.value("n", Parsers.number()).required());
    assertTrue(node.value("t", Parsers.bool()).orElse(false));
    assertFalse(node.value("f", Parsers.bool()).orElse(true));
    assertTrue(node.value("absent", Parsers.bool()).orElse(true));
    assertEquals(List.of(), errorTexts());
  }

  @Test
  void shouldRejectYesAsBoolean() {
    assertTrue(node("a: yes\n").value("a", Parsers.bool()).orElse(true));
    assertEquals(List.of("a (line 1): 'yes' is not true or false"), errorTexts());
  }

  @Test
  void shouldAcceptDashOrUnderscoreInLowerCaseEnumNames() {
    ConfigNode node = node("a: at-least-once\nb: exactly_once_v2\n");

    assertEquals(
        ProcessingGuarantee.AT_LEAST_ONCE,
        node.value("a", Parsers.kebabEnum(ProcessingGuarantee.class)).required());
    assertEquals(
        ProcessingGuarantee.EXACTLY_ONCE_V2,
        node.value("b", Parsers.kebabEnum(ProcessingGuarantee.class))
            .orElse(ProcessingGuarantee.AT_LEAST_ONCE));
    assertEquals(List.of(), errorTexts());
  }

  @Test
  void shouldRejectUpperCaseEnumAndReportMissingRequiredEnum() {
    ConfigNode node = node("a: AT_LEAST_ONCE\n");

    node.value("a", Parsers.kebabEnum(ProcessingGuarantee.class)).required();
    node.value("missing", Parsers.kebabEnum(ProcessingGuarantee.class)).required();

    assertEquals(
        List.of(
            "a (line 1): 'AT_LEAST_ONCE' is not one of exactly_once_v2, at_least_once",
            "missing (line 1): is required"),
        errorTexts());
  }

  @Test
  void shouldReadDurationsAndRejectNegativeOnes() {
    ConfigNode node = node("a: P7D\nb: -PT1M\n");

    assertEquals(Optional.of(Duration.ofDays(7)), node.value("a", Parsers.duration()).optional());
    assertEquals(
        Duration.ofSeconds(5), node.value("b", Parsers.duration()).orElse(Duration.ofSeconds(5)));
    assertEquals(List.of("b (line 2): '-PT1M' must not be negative"), errorTexts());
  }

  @Test
  void shouldQuoteValueAndPatternForRegexMismatch() {
    node("id: Heart Rate\n").value("id", Parsers.matching("[a-z0-9-]+")).required();

    assertEquals(List.of("id (line 1): 'Heart Rate' must match [a-z0-9-]+"), errorTexts());
  }

  @Test
  void shouldReportWrongShapeInsteadOfReadingIt() {
    ConfigNode node = node("a: {x: 1}\nb: [1]\nc: text\n");

    assertEquals("", node.value("a", Parsers.nonEmpty()).required());
    assertEquals(Map.of(), node.map("b", Parsers.string()));
    assertEquals(List.of("d"), node.values("c", Parsers.string()).orElse(List.of("d")));
    assertEquals(
        List.of(
            "a (line 1): expected a single value, found a mapping",
            "b (line 2): expected a mapping, found a list",
            "c (line 3): expected a list, found a single value"),
        errorTexts());
  }

  @Test
  void shouldReadStringListsAndReportBadElementsByIndex() {
    ConfigNode node = node("codes: [a, {b: 1}, c]\n");

    assertEquals(List.of("a", "c"), node.values("codes", Parsers.string()).orElse(List.of()));
    assertEquals(
        List.of("codes[1] (line 1): expected a single value, found a mapping"), errorTexts());
  }

  @Test
  void shouldKeepOrderOfFreeFormMapsAndAcceptAnyKeys() {
    ConfigNode node = node("props: {z: 1, a: 2, m: 3}\nroutes:\n  high: [x, y]\n  low: []\n");

    assertEquals(List.of("z", "a", "m"), List.copyOf(node.map("props", Parsers.string()).keySet()));
    assertEquals(
        Map.of("high", List.of("x", "y"), "low", List.of()),
        node.listMap("routes", Parsers.string()));
    assertEquals(
        List.of("high", "low"), List.copyOf(node.listMap("routes", Parsers.string()).keySet()));
    assertEquals(List.of(), errorTexts());
  }

  @Test
  void shouldReadListOfMappingsWithIndexedPathsSkippingBadElements() {
    ConfigNode node = node("rules:\n  - {id: a}\n  - just-text\n  - {id: c}\n");

    List<ConfigNode> rules = node.list("rules");

    assertEquals(List.of("rules[0]", "rules[2]"), rules.stream().map(ConfigNode::path).toList());
    assertEquals(List.of(2, 4), rules.stream().map(ConfigNode::line).toList());
    rules.forEach(rule -> rule.value("id", Parsers.nonEmpty()).required());
    assertEquals(
        List.of("rules[1] (line 3): expected a mapping, found a single value"), errorTexts());
  }

  @Test
  void shouldStaySilentInsideMissingRequiredBlock() {
    ConfigNode missing = node("other: 1\n").requiredChild("block");

    missing.value("a", Parsers.nonEmpty()).required();
    missing.value("b", Parsers.number()).required();
    missing.requiredChild("c").value("d", Parsers.nonEmpty()).required();

    assertEquals(
        List.of("block (line 1): is required", "other (line 1): unknown key (allowed: block)"),
        errorTexts());
  }

  @Test
  void shouldNotReportKeyAsUnknownAfterReaderFlaggedIt() {
    ConfigNode node = node("a: 1\nb: 2\n");

    node.error("a", "is deprecated");
    node.error("absent", "needs a value");
    node.value("b", Parsers.integer(0, 9)).orElse(0);

    assertEquals(
        List.of("a (line 1): is deprecated", "absent (line 1): needs a value"), errorTexts());
  }

  @Test
  void shouldReportEachProblemOnceWhenKeyIsReadTwice() {
    ConfigNode node = node("a: x\n");

    node.value("a", Parsers.integer(0, 9)).orElse(0);
    node.value("a", Parsers.integer(0, 9)).orElse(0);

    assertEquals(List.of("a (line 1): 'x' is not a number"), errorTexts());
  }

  @Test
  void shouldListKeysWithoutMarkingThemRead() {
    ConfigNode node = node("b: 1\na: 2\n");

    assertEquals(List.of("b", "a"), List.copyOf(node.keys()));
    assertTrue(node.has("b"));
    assertEquals(List.of("a (line 2): unknown key (allowed: b)"), errorTexts());
  }

  @Test
  void shouldGiveNestedNodesDottedPathsAndKeyLines() {
    ConfigNode root = node("top:\n  inner:\n    leaf: x\n");

    ConfigNode inner = root.requiredChild("top").requiredChild("inner");

    assertEquals("top.inner", inner.path());
    assertEquals(2, inner.line());
    assertEquals(List.of("top.inner.leaf (line 3): unknown key"), errorTexts());
  }
}
