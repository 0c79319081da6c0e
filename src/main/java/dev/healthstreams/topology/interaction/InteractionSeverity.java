package dev.healthstreams.topology.interaction;

/**
 * How dangerous a drug combination is, most severe first; written in the knowledge file in lower
 * case (contraindicated, major, moderate, minor), the usual drug-interaction compendium scale.
 */
public enum InteractionSeverity {
  /** Never to be given together. */
  CONTRAINDICATED,
  /** May be life-threatening or cause permanent harm: avoid, or monitor closely. */
  MAJOR,
  /** May worsen the patient's condition: monitor or adjust. */
  MODERATE,
  /** Limited clinical effect. */
  MINOR
}
