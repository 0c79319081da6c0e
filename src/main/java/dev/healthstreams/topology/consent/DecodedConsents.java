package dev.healthstreams.topology.consent;

import java.util.Arrays;

/**
 * The consent table's values decoded once, remembered by their bytes. Every access request and
 * gated record decodes its patient's consents, and decoding was the second largest part of the
 * access-request path's profile, while a patient's consents rarely change between its requests.
 * Keyed by the stored bytes themselves, so a changed, restored or deleted value can never be
 * answered from here: no invalidation. Direct-mapped (a slot per hash, the latest value wins it),
 * bounded by its slot count; shared by the stream threads and queries (entries are immutable, a
 * lost race is only a miss).
 */
final class DecodedConsents {
  /** 16,384 slots: about 10,000 patients' consents (a few KB each) in the bench's cycle. */
  static final int DEFAULT_SLOTS = 1 << 14;

  private static final int SAMPLED = 64;

  private record Entry(byte[] bytes, int hash, PatientConsents consents) {}

  private final Entry[] slots;

  DecodedConsents(int slots) {
    if (Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two: " + slots);
    }
    this.slots = new Entry[slots];
  }

  PatientConsents read(byte[] bytes) {
    int hash = sampledHash(bytes);
    int slot = (hash ^ (hash >>> 16)) & (slots.length - 1);
    Entry entry = slots[slot];
    if (entry != null && entry.hash() == hash && Arrays.equals(entry.bytes(), bytes)) {
      return entry.consents();
    }
    PatientConsents consents = PatientConsentsReader.read(bytes);
    slots[slot] = new Entry(bytes.clone(), hash, consents);
    return consents;
  }

  /**
   * The length and the first and last bytes: the value starts with its patient id, and hashing
   * every byte of a value of a few KB was a fifth of this memo's cost. Equal values hash equally;
   * the rest is told apart by comparing the bytes.
   */
  static int sampledHash(byte[] bytes) {
    int hash = bytes.length;
    int head = Math.min(bytes.length, SAMPLED);
    for (int i = 0; i < head; i++) {
      hash = 31 * hash + bytes[i];
    }
    for (int i = Math.max(head, bytes.length - SAMPLED); i < bytes.length; i++) {
      hash = 31 * hash + bytes[i];
    }
    return hash;
  }
}
