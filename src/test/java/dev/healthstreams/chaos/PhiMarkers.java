package dev.healthstreams.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The marker values the chaos input's PHI carries, and the search of log files for them. Names,
 * MRNs and PA notes contain {@link #TEXT}; birth dates all fall in February 1901; every Observation
 * value ends in the digits {@link #VALUE_DIGITS}. A log line holding any of them holds a value from
 * the input.
 */
final class PhiMarkers {
  static final String TEXT = "PHIMARK";
  static final String VALUE_DIGITS = "0731942";
  private static final String BIRTH_MONTH = "1901-02-";

  private static final Pattern ANY =
      Pattern.compile(
          Pattern.quote(TEXT) + "|" + Pattern.quote(BIRTH_MONTH) + "\\d\\d|\\d\\." + VALUE_DIGITS);

  private PhiMarkers() {}

  static String given(int patient) {
    return TEXT + "given" + patient;
  }

  static String family(int patient) {
    return TEXT + "family" + patient;
  }

  static String mrn(int patient) {
    return TEXT + "mrn" + patient;
  }

  static String birthDate(int patient) {
    return BIRTH_MONTH + String.format("%02d", 1 + patient % 28);
  }

  static String note(String priorAuthId) {
    return TEXT + "note-" + priorAuthId;
  }

  /** The whole number with the marker digits as its fraction, e.g. 135.0731942. */
  static double observationValue(int whole) {
    return Double.parseDouble(whole + "." + VALUE_DIGITS);
  }

  /** A log line that holds a marker, with its file and line number. */
  record Finding(Path file, long line, String text) {}

  /** Lines scanned and every finding (at most 20 kept) over the files. */
  record Scan(long lines, long findings, List<Finding> first) {}

  static Scan scan(List<Path> files) throws IOException {
    long lines = 0;
    long findings = 0;
    List<Finding> first = new ArrayList<>();
    for (Path file : files) {
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
        long number = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          number++;
          Matcher matcher = ANY.matcher(line);
          if (matcher.find()) {
            findings++;
            if (first.size() < 20) {
              first.add(new Finding(file, number, line));
            }
          }
        }
        lines += number;
      }
    }
    return new Scan(lines, findings, first);
  }
}
