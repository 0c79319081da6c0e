package dev.healthstreams.topology.canonical;

import dev.healthstreams.errors.BadRecordException;

/**
 * A source record's name, {@code system/id}: {@code ehr/<Patient.id>} or {@code
 * pharmacy/<pharmacyPatientId>}, as golden records list their sources and link commands name them.
 */
public record SourceKey(String system, String id) {
  public static final String EHR = "ehr";
  public static final String PHARMACY = "pharmacy";

  public static SourceKey parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      throw new BadRecordException("bad-source", "a source is written system/id");
    }
    return new SourceKey(text.substring(0, slash), text.substring(slash + 1));
  }

  public String text() {
    return system + "/" + id;
  }

  @Override
  public String toString() {
    return text();
  }
}
