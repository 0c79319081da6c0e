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

  private record Entry(byte[] bytes, int hash, PatientConsents consents) {}

  private final Entry[] slots;

  DecodedConsents(int slots) {
    if (Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two: " + slots);
    }
    this.slots = new Entry[slots];
  }

  PatientConsents read(byte[] bytes) {
    int hash = Arrays.hashCode(bytes);
    int slot = (hash ^ (hash >>> 16)) & (slots.length - 1);
    Entry entry = slots[slot];
    if (entry != null && entry.hash() == hash && Arrays.equals(entry.bytes(), bytes)) {
      return entry.consents();
    }
    PatientConsents consents = PatientConsentsReader.read(bytes);
    slots[slot] = new Entry(bytes.clone(), hash, consents);
    return consents;
  }
}
