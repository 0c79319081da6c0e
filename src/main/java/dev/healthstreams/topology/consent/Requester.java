package dev.healthstreams.topology.consent;

import java.util.List;

/** Who asks for the data: an organization, a user within it, and the user's roles. */
public record Requester(String organization, String user, List<String> roles) {
  public Requester {
    roles = roles == null ? List.of() : List.copyOf(roles);
  }
}
