package dev.healthstreams.topology.canonical;

import dev.healthstreams.topology.canonical.Demographics.Address;
import dev.healthstreams.topology.canonical.Demographics.Identifier;
import dev.healthstreams.topology.canonical.Survivorship.Lineage;
import dev.healthstreams.topology.canonical.Survivorship.Survived;
import dev.healthstreams.topology.support.EventMetadataFactory;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * What a golden patient publishes, as a name-based UUID: its survived demographics and lineage, its
 * linked source records' versions and link types, and its flags. A rebuild publishes a new version
 * only when this changes.
 *
 * <p>The demographics and lineage are written as the JDK writes those records' {@code toString},
 * which fingerprints were first computed from: a stored fingerprint then still matches after an
 * upgrade, and no golden patient is published again for nothing. Written by hand because Java 17's
 * record {@code toString} goes through {@code String.format}, a tenth of the identity stage.
 */
final class GoldenFingerprint {
  private GoldenFingerprint() {}

  static String of(Survived survived, List<SyncEvent.LinkedSource> linked, Set<String> flags) {
    StringBuilder text = new StringBuilder(512);
    survived(text, survived);
    for (SyncEvent.LinkedSource source : linked) {
      text.append('|')
          .append(source.record().source().text())
          .append(':')
          .append(source.record().version())
          .append(':')
          .append(source.linkType());
    }
    text.append('|').append(new TreeSet<>(flags));
    return EventMetadataFactory.eventId(text.toString()); // the shared name-based UUID
  }

  /** {@code survived.toString()}, without {@code String.format}. */
  static StringBuilder survived(StringBuilder text, Survived survived) {
    text.append("Survived[golden=");
    demographics(text, survived.golden());
    text.append(", lineage=");
    list(text, survived.lineage(), GoldenFingerprint::lineage);
    return text.append(']');
  }

  private static void demographics(StringBuilder text, Demographics d) {
    if (d == null) {
      text.append("null");
      return;
    }
    text.append("Demographics[family=").append(d.family()).append(", given=");
    list(text, d.given(), StringBuilder::append);
    text.append(", birthDate=").append(d.birthDate()).append(", gender=").append(d.gender());
    text.append(", identifiers=");
    list(text, d.identifiers(), GoldenFingerprint::identifier);
    text.append(", address=");
    address(text, d.address());
    text.append(", telecom=").append(d.telecom()).append(']');
  }

  private static void identifier(StringBuilder text, Identifier identifier) {
    text.append("Identifier[system=")
        .append(identifier.system())
        .append(", value=")
        .append(identifier.value())
        .append(']');
  }

  private static void address(StringBuilder text, Address address) {
    if (address == null) {
      text.append("null");
      return;
    }
    text.append("Address[lines=");
    list(text, address.lines(), StringBuilder::append);
    text.append(", city=")
        .append(address.city())
        .append(", state=")
        .append(address.state())
        .append(", postalCode=")
        .append(address.postalCode())
        .append(']');
  }

  private static void lineage(StringBuilder text, Lineage lineage) {
    text.append("Lineage[field=")
        .append(lineage.field())
        .append(", source=")
        .append(lineage.source())
        .append(", timestamp=")
        .append(lineage.timestamp())
        .append(", rule=")
        .append(lineage.rule())
        .append(']');
  }

  /** As {@code AbstractCollection.toString}: {@code [a, b]}. */
  private static <T> void list(
      StringBuilder text, List<T> items, BiConsumer<StringBuilder, T> item) {
    text.append('[');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        text.append(", ");
      }
      if (items.get(i) == null) {
        text.append("null");
      } else {
        item.accept(text, items.get(i));
      }
    }
    text.append(']');
  }
}
