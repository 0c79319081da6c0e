package dev.healthstreams.chaos;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The full run's size against what the issue asks of it, for every seed. */
class ChaosSizeTest {
  @Test
  void shouldFeedTheFullRunAtLeastAMillionRecordsWhateverTheSeed() {
    long fewest = ChaosInput.fewestRecords(ChaosSize.full());

    assertTrue(fewest >= 1_000_000, () -> "at least " + fewest);
  }

  @Test
  void shouldKillAReplicaAtLeastTenTimesInTheFullRun() {
    assertTrue(ChaosSize.full().replicaKills() >= 10);
  }
}
