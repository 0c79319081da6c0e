package dev.healthstreams.topology.canonical;

import java.util.List;

/**
 * What one source record says about a person, in canonical shape. PHI: never logged. {@code
 * birthDate} is ISO when the source's date could be read, else the source's text as it came (the
 * validator then reports it).
 */
public record Demographics(
    String family,
    List<String> given,
    String birthDate,
    String gender,
    List<Identifier> identifiers,
    Address address,
    String telecom) {

  public Demographics {
    given = given == null ? List.of() : List.copyOf(given);
    identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
  }

  public record Identifier(String system, String value) {}

  public record Address(List<String> lines, String city, String state, String postalCode) {
    public Address {
      lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** How many of its parts are filled: what most-complete compares. */
    public int filledParts() {
      int filled = lines.size();
      for (String part : new String[] {city, state, postalCode}) {
        if (part != null && !part.isBlank()) {
          filled++;
        }
      }
      return filled;
    }
  }
}
