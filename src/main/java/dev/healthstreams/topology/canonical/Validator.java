package dev.healthstreams.topology.canonical;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The declared validation rules of each entity type. Every rule is checked, so a record's error
 * lists all it fails; messages name the rule and field only, never the value (values are PHI).
 */
public final class Validator {
  public static final Set<String> PRESCRIPTION_STATUSES =
      Set.of("active", "on-hold", "completed", "cancelled");
  private static final Pattern TEN_DIGITS = Pattern.compile("\\d{10}"); // once, not per NPI
  public static final Set<String> GENDERS = Set.of("male", "female", "other", "unknown");
  public static final Set<String> OBSERVATION_STATUSES =
      Set.of(
          "registered",
          "preliminary",
          "final",
          "amended",
          "corrected",
          "cancelled",
          "entered-in-error",
          "unknown");
  // The NPI check digit is the Luhn digit of the NPI prefixed with 80840 (ISO 7812 card issuer
  // prefix for US health applications).
  private static final String NPI_PREFIX = "80840";

  /**
   * @param now what "not in the future" is measured against
   */
  public List<Violation> patient(Demographics patient, Instant now) {
    List<Violation> violations = new ArrayList<>();
    boolean noGiven = patient.given().stream().allMatch(g -> g == null || g.isBlank());
    if (isBlank(patient.family()) && noGiven) {
      violations.add(new Violation("NAME_MISSING", "name", "a family or a given name is required"));
    }
    if (isBlank(patient.birthDate())) {
      violations.add(new Violation("BIRTH_DATE_MISSING", "birthDate", "a birth date is required"));
    } else {
      checkDate(patient.birthDate(), "birthDate", "BIRTH_DATE", now, violations);
    }
    if (patient.gender() != null && !GENDERS.contains(patient.gender())) {
      violations.add(
          new Violation("GENDER_UNKNOWN", "gender", "not a known administrative gender"));
    }
    return violations;
  }

  public List<Violation> prescription(PrescriptionRecord rx, Instant now) {
    List<Violation> violations = new ArrayList<>();
    if (isBlank(rx.drugName()) && isBlank(rx.drugNdc()) && isBlank(rx.drugRxnorm())) {
      violations.add(new Violation("DRUG_MISSING", "drug", "a prescription must name a drug"));
    }
    if (rx.quantity() == null || !(rx.quantity() > 0)) {
      violations.add(
          new Violation("QUANTITY_NOT_POSITIVE", "quantity", "quantity must be greater than 0"));
    }
    if (rx.status() == null || !PRESCRIPTION_STATUSES.contains(rx.status())) {
      violations.add(new Violation("STATUS_UNKNOWN", "status", "not a known prescription status"));
    }
    if (isBlank(rx.prescriberNpi())) {
      violations.add(
          new Violation("NPI_MISSING", "prescriber.npi", "a prescriber NPI is required"));
    } else if (!validNpi(rx.prescriberNpi())) {
      violations.add(
          new Violation(
              "NPI_INVALID", "prescriber.npi", "NPI fails the Luhn check (80840 prefix)"));
    }
    if (rx.updatedAtText() != null) {
      if (rx.updatedAt() == null) {
        violations.add(
            new Violation("UPDATED_AT_INVALID", "updatedAt", "not an ISO-8601 date-time"));
      } else if (rx.updatedAt() > now.toEpochMilli()) {
        violations.add(
            new Violation("UPDATED_AT_FUTURE", "updatedAt", "must not be in the future"));
      }
    }
    return violations;
  }

  public List<Violation> observation(ObservationRecord observation, Instant now) {
    List<Violation> violations = new ArrayList<>();
    if (isBlank(observation.subjectPatientId())) {
      violations.add(new Violation("SUBJECT_MISSING", "subject", "a patient subject is required"));
    }
    if (observation.status() == null || !OBSERVATION_STATUSES.contains(observation.status())) {
      violations.add(new Violation("STATUS_UNKNOWN", "status", "not a known observation status"));
    }
    if (isBlank(observation.code())) {
      violations.add(new Violation("CODE_MISSING", "code", "a code is required"));
    }
    if (observation.effective() != null) {
      checkDate(observation.effective(), "effective", "EFFECTIVE", now, violations);
    }
    return violations;
  }

  /** A 10-digit NPI whose last digit is the Luhn check digit of 80840 and its first nine. */
  public static boolean validNpi(String npi) {
    if (npi == null || !TEN_DIGITS.matcher(npi).matches()) {
      return false;
    }
    String digits = NPI_PREFIX + npi;
    int sum = 0;
    boolean doubled = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int digit = digits.charAt(i) - '0';
      if (doubled) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }

  /** A real calendar date (or date-time) not after {@code now}. */
  private static void checkDate(
      String text, String field, String code, Instant now, List<Violation> violations) {
    Instant at = parseDate(text);
    if (at == null) {
      violations.add(new Violation(code + "_INVALID", field, "not a real ISO-8601 date"));
    } else if (at.isAfter(now)) {
      violations.add(new Violation(code + "_FUTURE", field, "must not be in the future"));
    }
  }

  private static Instant parseDate(String text) {
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
