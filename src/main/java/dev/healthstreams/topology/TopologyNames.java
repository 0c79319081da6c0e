package dev.healthstreams.topology;

/** Stable names for processors, stores and internal topics: upgrades keep their state. */
public final class TopologyNames {
  private TopologyNames() {}

  /** "clinical.notifications.sms" -> "clinical-notifications-sms", usable inside a node name. */
  public static String slug(String topic) {
    return topic.replaceAll("[^A-Za-z0-9-]", "-");
  }
}
