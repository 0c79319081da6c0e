package dev.healthstreams.topology.consent;

import java.util.List;

/**
 * A gate on data leaving the platform: records of {@code input} (keyed by patient id) go unchanged
 * to {@code permitted} when the patient's consent lets the recipient have them for the purpose, and
 * to {@code denied} otherwise.
 *
 * @param name an id, naming the gate's processors and its audit source
 * @param category the data category the records are, or null
 * @param action the consent action leaving the platform is (default {@code access})
 */
public record Gate(
    String name,
    String input,
    String permitted,
    String denied,
    String organization,
    List<String> roles,
    String purpose,
    String category,
    String action) {
  public Gate {
    roles = List.copyOf(roles);
  }

  /** The recipient as a requester: the organization with its roles, no individual user. */
  public Requester recipient() {
    return new Requester(organization, null, roles);
  }
}
