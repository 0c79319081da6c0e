package dev.healthstreams.topology.consent;

/**
 * A time range in epoch milliseconds, start inclusive and end exclusive (so a consent that ends at
 * midnight no longer holds at midnight); either side may be open (null).
 */
public record Period(Long start, Long end) {
  public static final Period ALWAYS = new Period(null, null);

  public boolean contains(long instant) {
    return (start == null || instant >= start) && (end == null || instant < end);
  }

  public boolean isOpen() {
    return start == null && end == null;
  }
}
