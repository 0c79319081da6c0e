package dev.healthstreams.topology.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.healthstreams.avro.LinkType;
import dev.healthstreams.topology.canonical.Demographics.Address;
import dev.healthstreams.topology.canonical.Demographics.Identifier;
import dev.healthstreams.topology.canonical.Survivorship.Lineage;
import dev.healthstreams.topology.canonical.Survivorship.Survived;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GoldenFingerprintTest {
  private final Random random = new Random(20261201);

  @Test
  void shouldWriteSurvivedValuesAsTheirRecordToStringDoes() {
    for (int i = 0; i < 5_000; i++) {
      Survived survived = survived();

      assertEquals(
          survived.toString(),
          GoldenFingerprint.survived(new StringBuilder(), survived).toString());
    }
  }

  /** The formula golden fingerprints were stored with before: stored ones must still match. */
  @Test
  void shouldGiveTheFingerprintsStoredBeforeItsOwnWriter() {
    for (int i = 0; i < 1_000; i++) {
      Survived survived = survived();
      List<SyncEvent.LinkedSource> linked = linked();
      Set<String> flags = random.nextBoolean() ? Set.of() : Set.of("POSSIBLE_DUPLICATE", "B");

      assertEquals(
          storedBefore(survived, linked, flags), GoldenFingerprint.of(survived, linked, flags));
    }
  }

  @Test
  void shouldChangeWithTheContentTheSourcesAndTheFlags() {
    Survived survived = survived();
    List<SyncEvent.LinkedSource> linked = linked();
    String fingerprint = GoldenFingerprint.of(survived, linked, Set.of());

    Demographics d = survived.golden();
    Survived renamed =
        new Survived(
            new Demographics(
                d.family() + "x",
                d.given(),
                d.birthDate(),
                d.gender(),
                d.identifiers(),
                d.address(),
                d.telecom()),
            survived.lineage());
    assertNotEquals(fingerprint, GoldenFingerprint.of(renamed, linked, Set.of()));
    assertNotEquals(fingerprint, GoldenFingerprint.of(survived, List.of(), Set.of()));
    assertNotEquals(fingerprint, GoldenFingerprint.of(survived, linked, Set.of("F")));
  }

  private static String storedBefore(
      Survived survived, List<SyncEvent.LinkedSource> linked, Set<String> flags) {
    StringBuilder text = new StringBuilder(survived.toString());
    for (SyncEvent.LinkedSource source : linked) {
      text.append('|')
          .append(source.record().source().text())
          .append(':')
          .append(source.record().version())
          .append(':')
          .append(source.linkType());
    }
    text.append('|').append(new TreeSet<>(flags));
    return UUID.nameUUIDFromBytes(text.toString().getBytes(StandardCharsets.UTF_8)).toString();
  }

  private Survived survived() {
    List<Lineage> lineage = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      lineage.add(
          new Lineage(
              text(),
              random.nextBoolean() ? null : new SourceKey(text(), text()),
              random.nextBoolean() ? null : random.nextLong(),
              text()));
    }
    return new Survived(random.nextInt(10) == 0 ? null : demographics(), lineage);
  }

  private Demographics demographics() {
    List<Identifier> identifiers = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      identifiers.add(new Identifier(text(), text()));
    }
    Address address = random.nextBoolean() ? null : new Address(texts(), text(), text(), text());
    return new Demographics(text(), texts(), text(), text(), identifiers, address, text());
  }

  private List<SyncEvent.LinkedSource> linked() {
    List<SyncEvent.LinkedSource> linked = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      PatientRecord record =
          new PatientRecord(new SourceKey("ehr", text()), text(), null, null, demographics());
      linked.add(
          new SyncEvent.LinkedSource(
              record, LinkType.values()[random.nextInt(LinkType.values().length)]));
    }
    return linked;
  }

  private List<String> texts() {
    List<String> texts = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      texts.add(String.valueOf(random.nextInt(1000)));
    }
    return texts;
  }

  /** Null sometimes, and sometimes the characters the record format itself uses. */
  private String text() {
    return switch (random.nextInt(5)) {
      case 0 -> null;
      case 1 -> "";
      case 2 -> "a, b=[c]";
      default -> "ü" + random.nextInt(100_000);
    };
  }
}
