package dev.healthstreams.topology.canonical;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a golden patient that survivorship chooses one source's value for, with how to read
 * a value, how full it is, and how it is shown in a conflict. Identifiers are not among them: the
 * golden record carries the union of its sources' identifiers.
 */
public enum GoldenField {
  NAME("name"),
  BIRTH_DATE("birthDate"),
  GENDER("gender"),
  ADDRESS("address"),
  TELECOM("telecom");

  private final String configName;

  GoldenField(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  public static GoldenField of(String name) {
    for (GoldenField field : values()) {
      if (field.configName.equals(name)) {
        return field;
      }
    }
    return null;
  }

  /** The value as a comparable, displayable object; null when the source has none. */
  public Object value(Demographics d) {
    return switch (this) {
      case NAME ->
          d.family() == null && d.given().isEmpty() ? null : new Name(d.family(), d.given());
      case BIRTH_DATE -> blankToNull(d.birthDate());
      case GENDER -> blankToNull(d.gender());
      case ADDRESS -> d.address() == null || d.address().filledParts() == 0 ? null : d.address();
      case TELECOM -> blankToNull(d.telecom());
    };
  }

  /** How full a value is, for most-complete. */
  public int completeness(Object value) {
    if (value instanceof Name name) {
      int parts = name.given().size() + (name.family() == null ? 0 : 1);
      return parts * 1000 + name.text().length();
    }
    if (value instanceof Demographics.Address address) {
      return address.filledParts() * 1000 + text(address).length();
    }
    return value.toString().length();
  }

  /** The value as one string: for conflicts and their comparison. PHI. */
  public static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Name name) {
      return name.text();
    }
    if (value instanceof Demographics.Address address) {
      List<String> parts = new ArrayList<>(address.lines());
      parts.add(address.city());
      parts.add(address.state());
      parts.add(address.postalCode());
      return String.join(", ", parts.stream().filter(p -> p != null && !p.isBlank()).toList());
    }
    return value.toString();
  }

  /** Sets this field of a golden record being built. */
  public Demographics with(Demographics d, Object value) {
    return switch (this) {
      case NAME -> {
        Name name = (Name) value;
        yield new Demographics(
            name == null ? null : name.family(),
            name == null ? List.of() : name.given(),
            d.birthDate(),
            d.gender(),
            d.identifiers(),
            d.address(),
            d.telecom());
      }
      case BIRTH_DATE ->
          new Demographics(
              d.family(),
              d.given(),
              (String) value,
              d.gender(),
              d.identifiers(),
              d.address(),
              d.telecom());
      case GENDER ->
          new Demographics(
              d.family(),
              d.given(),
              d.birthDate(),
              (String) value,
              d.identifiers(),
              d.address(),
              d.telecom());
      case ADDRESS ->
          new Demographics(
              d.family(),
              d.given(),
              d.birthDate(),
              d.gender(),
              d.identifiers(),
              (Demographics.Address) value,
              d.telecom());
      case TELECOM ->
          new Demographics(
              d.family(),
              d.given(),
              d.birthDate(),
              d.gender(),
              d.identifiers(),
              d.address(),
              (String) value);
    };
  }

  /** A name as one value: family and given names survive together. */
  public record Name(String family, List<String> given) {
    String text() {
      List<String> parts = new ArrayList<>(given);
      if (family != null) {
        parts.add(family);
      }
      return String.join(" ", parts);
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
