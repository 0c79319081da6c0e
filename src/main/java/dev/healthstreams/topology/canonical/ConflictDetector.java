package dev.healthstreams.topology.canonical;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Finds fields on which a golden patient's linked sources disagree while both values changed within
 * the conflict window of each other: a disagreement between an old and a new value is an update,
 * not a conflict. Values are compared as displayed (see {@link GoldenField#text}).
 */
public final class ConflictDetector {
  private final Duration window;
  private final Survivorship survivorship;

  public ConflictDetector(Duration window, Survivorship survivorship) {
    this.window = window;
    this.survivorship = survivorship;
  }

  public record SourceValue(SourceKey source, String value, Long timestamp) {}

  /** One field in conflict: every source's value, the one survivorship chose and its rule. */
  public record Conflict(
      GoldenField field,
      List<SourceValue> values,
      String chosenValue,
      SourceKey chosenSource,
      String rule) {

    /**
     * What identifies this conflict, so it is reported once however often the golden is rebuilt.
     */
    public String signature() {
      StringBuilder text = new StringBuilder(field.configName());
      for (SourceValue value : values) {
        text.append('|').append(value.source().text()).append('=').append(value.value());
      }
      return text.toString();
    }
  }

  public List<Conflict> detect(List<PatientRecord> sources) {
    List<Conflict> conflicts = new ArrayList<>();
    List<PatientRecord> ordered =
        sources.stream().sorted(Comparator.comparing(s -> s.source().text())).toList();
    for (GoldenField field : GoldenField.values()) {
      List<SourceValue> values = new ArrayList<>();
      for (PatientRecord source : ordered) {
        String text = GoldenField.text(field.value(source.demographics()));
        if (text != null) {
          values.add(new SourceValue(source.source(), text, source.updatedAt()));
        }
      }
      if (disagreeWithinWindow(values)) {
        SurvivorshipRule rule = survivorship.ruleFor(field);
        PatientRecord chosen = survivorship.choose(field, rule, ordered);
        conflicts.add(
            new Conflict(
                field,
                values,
                GoldenField.text(field.value(chosen.demographics())),
                chosen.source(),
                rule.configName()));
      }
    }
    return conflicts;
  }

  private boolean disagreeWithinWindow(List<SourceValue> values) {
    for (int i = 0; i < values.size(); i++) {
      for (int j = i + 1; j < values.size(); j++) {
        SourceValue a = values.get(i);
        SourceValue b = values.get(j);
        if (!Objects.equals(a.value(), b.value())
            && a.timestamp() != null
            && b.timestamp() != null
            && Math.abs(a.timestamp() - b.timestamp()) <= window.toMillis()) {
          return true;
        }
      }
    }
    return false;
  }
}
