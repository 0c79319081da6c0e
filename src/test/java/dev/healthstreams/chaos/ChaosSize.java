package dev.healthstreams.chaos;

import java.util.List;

/**
 * How big a chaos run is: its input and its faults. {@link #reduced()} runs inside every {@code
 * verify}; {@link #full()} is the {@code chaos} profile's.
 *
 * @param patients Patients, each with a marker name, MRN and birth date
 * @param observations Observations, spread over the patients
 * @param medicationRequests active MedicationRequests, a few per patient
 * @param priorAuths PAs, each a lifecycle of 2 to 5 status events
 * @param chunks how many pieces each stream input is fed in, paced over {@link #feedSeconds}
 * @param feedSeconds how long feeding the streams takes at least (the faults fall in it)
 * @param replicaKills {@code kill -9}s of a replica, at random moments of the feed
 * @param replicaJvmOptions options of each replica's JVM
 */
record ChaosSize(
    int patients,
    int observations,
    int medicationRequests,
    int priorAuths,
    int chunks,
    int feedSeconds,
    int replicaKills,
    List<String> replicaJvmOptions) {

  /**
   * Every fault kind once or more, on a few tens of thousands of records. Its replicas spend most
   * of their CPU starting and restoring, not processing: the client compiler alone and the serial
   * collector start them sooner on two cores.
   */
  static ChaosSize reduced() {
    return new ChaosSize(
        300, 10_000, 1_500, 500, 10, 20, 3, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
  }

  /**
   * At least 1,000,000 input records whatever the seed ({@code ChaosSizeTest}), and at least 10
   * kills, as the issue asks.
   */
  static ChaosSize full() {
    return new ChaosSize(20_000, 830_000, 100_000, 25_000, 200, 600, 12, List.of());
  }

  /** {@code -Dchaos.size=full} (the {@code chaos} profile) or the reduced run. */
  static ChaosSize fromSystemProperties() {
    return "full".equals(System.getProperty("chaos.size", "reduced")) ? full() : reduced();
  }
}
