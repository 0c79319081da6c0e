package dev.healthstreams.bench;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * How copy {@code c} of a sample person differs from the original besides its ids, so that copies
 * are different people to anything that matches people (canonical-sync blocks candidates on birth
 * date, phone and identifiers): the birth date is {@code c} days earlier (modulo ten years, so no
 * one becomes implausibly old), and every digit-shaped identifier or phone number has {@code c}
 * added to its digits. Every sample that holds the same person is varied the same way, so the EHR
 * copy and the pharmacy copy of one person still agree with each other.
 */
final class PersonVariation {
  /** Birth dates of one person's copies spread over ten years before the original's. */
  static final int DATE_SPAN_DAYS = 3653;

  private static final DateTimeFormatter US = DateTimeFormatter.ofPattern("MM/dd/yyyy");

  /** A phone number or an identifier such as an SSN, a licence or a passport number. */
  private static final Pattern DIGIT_SHAPED = Pattern.compile("[A-Z]?\\d[\\d-]{6,16}[A-Z]?");

  private PersonVariation() {}

  static LocalDate birthDate(LocalDate original, int copy) {
    return original.minusDays(copy % DATE_SPAN_DAYS);
  }

  static String isoBirthDate(String iso, int copy) {
    return birthDate(LocalDate.parse(iso), copy).toString();
  }

  static String usBirthDate(String us, int copy) {
    return birthDate(LocalDate.parse(us, US), copy).format(US);
  }

  static boolean digitShaped(String value) {
    return DIGIT_SHAPED.matcher(value).matches();
  }

  /**
   * {@code value} with {@code copy} added to the number its digits spell, modulo as many digits:
   * the non-digits and the length stay, so a phone number stays a phone number.
   */
  static String digitsOffset(String value, int copy) {
    StringBuilder digits = new StringBuilder();
    for (char c : value.toCharArray()) {
      if (Character.isDigit(c)) {
        digits.append(c);
      }
    }
    long modulus = (long) Math.pow(10, digits.length()); // at most 17 digits: fits a long
    String shifted = String.valueOf((Long.parseLong(digits.toString()) + copy) % modulus);
    String padded = "0".repeat(digits.length() - shifted.length()) + shifted;
    StringBuilder out = new StringBuilder(value.length());
    int next = 0;
    for (char c : value.toCharArray()) {
      out.append(Character.isDigit(c) ? padded.charAt(next++) : c);
    }
    return out.toString();
  }
}
