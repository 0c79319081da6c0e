package dev.healthstreams.topology.interaction;

import java.util.Objects;

/**
 * The id of an interaction alert. It names the pair of requests in a fixed order, so that the pair
 * gets the same id whichever request arrived second: that is what lets the fired-pairs store keep a
 * pair from alerting twice.
 */
public final class InteractionAlertIds {

  private InteractionAlertIds() {}

  /** "{@code <lower>+<higher>:<interactionId>}", request ids ordered as Java strings. */
  public static String of(String requestA, String requestB, String interactionId) {
    Objects.requireNonNull(requestA, "requestA");
    Objects.requireNonNull(requestB, "requestB");
    Objects.requireNonNull(interactionId, "interactionId");
    boolean aFirst = requestA.compareTo(requestB) <= 0;
    String lower = aFirst ? requestA : requestB;
    String higher = aFirst ? requestB : requestA;
    return lower + "+" + higher + ":" + interactionId;
  }
}
