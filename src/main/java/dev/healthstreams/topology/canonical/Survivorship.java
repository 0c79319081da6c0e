package dev.healthstreams.topology.canonical;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes a golden patient from its linked source records alone (so an unlink rebuilds it): each
 * field by its configured rule, with the source, timestamp and rule that chose it; identifiers are
 * the union of the sources'. Ties are broken by recency and then by source name, so the same
 * sources always give the same golden record.
 */
public final class Survivorship {
  public static final String UNION = "union";

  private final SurvivorshipRule defaultRule;
  private final List<String> sourcePriority;
  private final Map<GoldenField, SurvivorshipRule> fieldRules;

  public Survivorship(
      SurvivorshipRule defaultRule,
      List<String> sourcePriority,
      Map<GoldenField, SurvivorshipRule> fieldRules) {
    this.defaultRule = defaultRule;
    this.sourcePriority = List.copyOf(sourcePriority);
    this.fieldRules = fieldRules.isEmpty() ? Map.of() : new EnumMap<>(fieldRules);
  }

  public SurvivorshipRule ruleFor(GoldenField field) {
    return fieldRules.getOrDefault(field, defaultRule);
  }

  /** Where one golden field's value came from. */
  public record Lineage(String field, SourceKey source, Long timestamp, String rule) {}

  public record Survived(Demographics golden, List<Lineage> lineage) {}

  public Survived survive(List<PatientRecord> sources) {
    Demographics golden =
        new Demographics(null, List.of(), null, null, identifiers(sources), null, null);
    List<Lineage> lineage = new ArrayList<>();
    for (GoldenField field : GoldenField.values()) {
      SurvivorshipRule rule = ruleFor(field);
      PatientRecord chosen = choose(field, rule, sources);
      if (chosen != null) {
        golden = field.with(golden, field.value(chosen.demographics()));
        lineage.add(
            new Lineage(
                field.configName(), chosen.source(), chosen.updatedAt(), rule.configName()));
      }
    }
    for (PatientRecord source : sources) {
      if (!source.demographics().identifiers().isEmpty()) {
        lineage.add(new Lineage("identifiers", source.source(), source.updatedAt(), UNION));
      }
    }
    return new Survived(golden, lineage);
  }

  /** The source whose value a field takes under a rule; null when no source has one. */
  public PatientRecord choose(
      GoldenField field, SurvivorshipRule rule, List<PatientRecord> sources) {
    List<PatientRecord> having =
        sources.stream().filter(s -> field.value(s.demographics()) != null).toList();
    if (having.isEmpty()) {
      return null;
    }
    Comparator<PatientRecord> newestFirst =
        Comparator.comparing(
                (PatientRecord s) -> s.updatedAt() == null ? Long.MIN_VALUE : s.updatedAt())
            .reversed()
            .thenComparing(s -> s.source().text());
    Comparator<PatientRecord> order =
        switch (rule) {
          case MOST_RECENT -> newestFirst;
          case SOURCE_PRIORITY ->
              Comparator.comparing((PatientRecord s) -> priority(s.source().system()))
                  .thenComparing(newestFirst);
          case MOST_COMPLETE ->
              Comparator.comparing(
                      (PatientRecord s) -> field.completeness(field.value(s.demographics())))
                  .reversed()
                  .thenComparing(newestFirst);
          case FILL_IF_EMPTY ->
              Comparator.comparing(
                      (PatientRecord s) -> s.updatedAt() == null ? Long.MAX_VALUE : s.updatedAt())
                  .thenComparing(s -> s.source().text());
        };
    return having.stream().min(order).orElseThrow();
  }

  private int priority(String system) {
    int index = sourcePriority.indexOf(system);
    return index < 0 ? sourcePriority.size() : index;
  }

  private static List<Demographics.Identifier> identifiers(List<PatientRecord> sources) {
    Set<Demographics.Identifier> union = new LinkedHashSet<>();
    sources.stream()
        .sorted(Comparator.comparing(s -> s.source().text()))
        .forEach(s -> union.addAll(s.demographics().identifiers()));
    return List.copyOf(union);
  }
}
