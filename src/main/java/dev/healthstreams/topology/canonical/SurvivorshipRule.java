package dev.healthstreams.topology.canonical;

/** How a golden field is chosen among the linked sources that have a value for it. */
public enum SurvivorshipRule {
  /** The first system of {@code source-priority} that has a value. */
  SOURCE_PRIORITY,
  /** The value its source changed last. */
  MOST_RECENT,
  /** The fullest value (most name parts, address parts, characters). */
  MOST_COMPLETE,
  /** The value of the source that had one first; later sources only fill it while empty. */
  FILL_IF_EMPTY;

  /** As written in the config and the lineage: source-priority, most-recent, ... */
  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
