package dev.healthstreams.topology;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Finds stores and topics that carry a name Kafka generated ("KSTREAM-AGGREGATE-STATE-STORE-
 * 0000000003"): such a name shifts with any change to the graph, and the state or offsets behind it
 * are lost on upgrade. Checked on every topology built, whichever builder made it.
 */
final class GeneratedNames {
  // Kafka numbers the nodes it names with a ten-digit counter.
  private static final Pattern GENERATED = Pattern.compile(".*\\d{10}.*");

  private GeneratedNames() {}

  static Set<String> in(Topology topology) {
    Set<String> generated = new TreeSet<>();
    TopologyDescription description = topology.describe();
    for (TopologyDescription.Subtopology sub : description.subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Processor processor) {
          processor.stores().forEach(store -> addIfGenerated(generated, store));
        } else if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
          source.topicSet().forEach(topic -> addIfGenerated(generated, topic));
        } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
          addIfGenerated(generated, sink.topic());
        }
      }
    }
    for (TopologyDescription.GlobalStore global : description.globalStores()) {
      global.processor().stores().forEach(store -> addIfGenerated(generated, store));
    }
    return generated;
  }

  private static void addIfGenerated(Set<String> names, String name) {
    if (GENERATED.matcher(name).matches()) {
      names.add(name);
    }
  }
}
