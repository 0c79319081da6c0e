package dev.healthstreams.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PersonVariationTest {
  @Test
  void copyZeroIsTheOriginalPerson() {
    assertEquals("1989-12-11", PersonVariation.isoBirthDate("1989-12-11", 0));
    assertEquals("12/11/1989", PersonVariation.usBirthDate("12/11/1989", 0));
    assertEquals("999-59-4336", PersonVariation.digitsOffset("999-59-4336", 0));
  }

  @Test
  void birthDatesMoveBackOneDayPerCopyWithinTenYears() {
    assertEquals("1989-12-10", PersonVariation.isoBirthDate("1989-12-11", 1));
    assertEquals("1989-11-30", PersonVariation.isoBirthDate("1989-12-11", 11));
    assertEquals("02/28/2000", PersonVariation.usBirthDate("03/01/2000", 2)); // 2000: leap year
    assertEquals(
        "1989-12-11", PersonVariation.isoBirthDate("1989-12-11", PersonVariation.DATE_SPAN_DAYS));
  }

  @Test
  void digitsAreOffsetKeepingTheirShape() {
    assertEquals("555-808-4626", PersonVariation.digitsOffset("555-808-4619", 7));
    assertEquals("555-808-5000", PersonVariation.digitsOffset("555-808-4999", 1));
    assertEquals("S00000002", PersonVariation.digitsOffset("S99999999", 3), "wraps, same length");
    assertEquals("X8348725X", PersonVariation.digitsOffset("X8348724X", 1));
  }

  @Test
  void onlyPhonesAndIdentifiersAreDigitShaped() {
    assertTrue(PersonVariation.digitShaped("555-808-4619"));
    assertTrue(PersonVariation.digitShaped("999-59-4336"));
    assertTrue(PersonVariation.digitShaped("S99993152"));
    assertTrue(PersonVariation.digitShaped("X8348724X"));
    assertFalse(PersonVariation.digitShaped("41f5a58c-8c6e-d14d-002a-fb227c32f6c5"));
    assertFalse(PersonVariation.digitShaped("2024-01-10T09:00:00Z"));
    assertFalse(PersonVariation.digitShaped("ph-000"));
    assertFalse(PersonVariation.digitShaped("home"));
  }
}
