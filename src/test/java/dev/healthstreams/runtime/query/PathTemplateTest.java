package dev.healthstreams.runtime.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PathTemplateTest {
  private final PathTemplate byPatient =
      new PathTemplate("/medication-interaction/patients/{id}/active-medications");

  @Test
  void shouldMatchAndDecodeParameters() {
    assertEquals(
        Optional.of(Map.of("id", "a b/c+d")),
        byPatient.match("/medication-interaction/patients/a%20b%2Fc+d/active-medications"));
    assertEquals(
        Optional.of(Map.of("id", "p1")),
        byPatient.match("/medication-interaction/patients/p1/active-medications/"));
  }

  @Test
  void shouldNotMatchOtherShapesOrEmptyParameters() {
    assertEquals(Optional.empty(), byPatient.match("/medication-interaction/patients/p1"));
    assertEquals(
        Optional.empty(), byPatient.match("/medication-interaction/patients//active-medications"));
    assertEquals(
        Optional.empty(),
        byPatient.match("/medication-interaction/patients/p1/active-medications/x"));
    assertEquals(
        Optional.empty(), byPatient.match("/observation-alerting/patients/p1/active-medications"));
  }

  @Test
  void shouldCountLiteralsAndRejectMalformedTemplates() {
    assertEquals(3, byPatient.literals());
    assertThrows(IllegalArgumentException.class, () -> new PathTemplate("no-slash"));
    assertThrows(IllegalArgumentException.class, () -> new PathTemplate("/a//b"));
    assertThrows(IllegalArgumentException.class, () -> new PathTemplate("/a/{}"));
  }
}
