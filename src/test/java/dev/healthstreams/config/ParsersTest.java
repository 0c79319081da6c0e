package dev.healthstreams.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.healthstreams.config.AppSettings.ProcessingGuarantee;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ParsersTest {

  private static String rejection(Parser<?> parser, String text) {
    return assertThrows(InvalidValue.class, () -> parser.parse(text)).getMessage();
  }

  @Test
  void shouldAcceptKafkaTopicNamesUpToTheirLengthLimit() {
    String longest = "t".repeat(249);

    assertEquals("fhir.patient_v2-x", Parsers.topicName().parse("fhir.patient_v2-x"));
    assertEquals(longest, Parsers.topicName().parse(longest));
    assertEquals("is longer than 249 characters", rejection(Parsers.topicName(), longest + "t"));
    assertEquals("'a topic' must match [a-zA-Z0-9._-]+", rejection(Parsers.topicName(), "a topic"));
  }

  @Test
  void shouldAcceptLowerCaseIdsWithDashesOnly() {
    assertEquals("heart-rate-2", Parsers.id().parse("heart-rate-2"));
    assertEquals("'Heart_Rate' must match [a-z0-9-]+", rejection(Parsers.id(), "Heart_Rate"));
  }

  @Test
  void shouldReadKebabCaseEnumsWithANullPlaceholder() {
    Parser<ProcessingGuarantee> parser = Parsers.kebabEnum(ProcessingGuarantee.class);

    assertEquals(ProcessingGuarantee.AT_LEAST_ONCE, parser.parse("at-least-once"));
    assertEquals(ProcessingGuarantee.EXACTLY_ONCE_V2, parser.parse("exactly_once_v2"));
    assertEquals(
        "'at-most-once' is not one of exactly_once_v2, at_least_once",
        rejection(parser, "at-most-once"));
    assertNull(parser.placeholder());
  }

  @Test
  void shouldChainAFurtherCheckWithItsOwnPlaceholder() {
    Parser<Duration> positive =
        Parsers.duration()
            .then(
                d -> {
                  if (d.isZero()) {
                    throw new InvalidValue("must be longer than zero");
                  }
                  return d;
                },
                Duration.ofSeconds(30));

    assertEquals(Duration.ofMinutes(5), positive.parse("PT5M"));
    assertEquals("must be longer than zero", rejection(positive, "PT0S"));
    assertEquals("'-PT1S' must not be negative", rejection(positive, "-PT1S"));
    assertEquals(Duration.ofSeconds(30), positive.placeholder());
  }
}
