package dev.healthstreams.chaos;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Records a topic received against those a recomputation expects, compared as a multiset of
 * identities (a record's key and value, as one string): a record expected n times and received m
 * times is missing n - m times or duplicated m - n times; one never expected is unexpected.
 *
 * <p>An identity is held as its 128-bit digest, not its text: the full run compares some 600,000
 * alerts of a kilobyte each in a 2 GB test JVM. The example of an unexpected identity is kept as it
 * is received (so every expected identity must be given first); that of a missing one is found by
 * reading the expected identities again.
 */
final class OutputComparison {
  private final Map<Digest, int[]> counts = new HashMap<>();
  private String anUnexpected;
  private static final int EXPECTED = 0;
  private static final int RECEIVED = 1;

  private record Digest(long high, long low) {
    static Digest of(String identity) {
      try {
        byte[] md5 =
            MessageDigest.getInstance("MD5").digest(identity.getBytes(StandardCharsets.UTF_8));
        ByteBuffer bytes = ByteBuffer.wrap(md5);
        return new Digest(bytes.getLong(), bytes.getLong());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  void expected(String identity) {
    Digest digest = Digest.of(identity);
    counts.computeIfAbsent(digest, k -> new int[2])[EXPECTED]++;
  }

  void received(String identity) {
    Digest digest = Digest.of(identity);
    int[] count = counts.computeIfAbsent(digest, k -> new int[2]);
    count[RECEIVED]++;
    if (count[EXPECTED] == 0 && anUnexpected == null) {
      anUnexpected = identity;
    }
  }

  /** The figures of one topic. An example identity is kept per kind of difference. */
  record Result(
      long expected,
      long received,
      long missing,
      long duplicated,
      long unexpected,
      String aMissing,
      String anUnexpected) {

    boolean exact() {
      return missing == 0 && duplicated == 0 && unexpected == 0;
    }
  }

  Result result() {
    return result(Stream.empty());
  }

  /** The figures; {@code expectedAgain} (the expected identities once more) names a missing one. */
  Result result(Stream<String> expectedAgain) {
    long expected = 0;
    long received = 0;
    long missing = 0;
    long duplicated = 0;
    long unexpected = 0;
    for (int[] count : counts.values()) {
      int e = count[EXPECTED];
      int r = count[RECEIVED];
      expected += e;
      received += r;
      if (e == 0) {
        unexpected += r;
      } else if (r < e) {
        missing += e - r;
      } else {
        duplicated += r - e;
      }
    }
    String aMissing =
        missing == 0
            ? null
            : expectedAgain
                .filter(
                    identity -> {
                      int[] count = counts.get(Digest.of(identity));
                      return count[RECEIVED] < count[EXPECTED];
                    })
                .findFirst()
                .orElse(null);
    return new Result(expected, received, missing, duplicated, unexpected, aMissing, anUnexpected);
  }
}
