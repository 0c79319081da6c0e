package dev.healthstreams.cli.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthstreams.runtime.BuiltTopology;
import dev.healthstreams.topology.TopicRole;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what the watcher reads into the tally and the console's lines: each output summed up by the
 * topology that wrote it (its {@code summarize} line: ids and codes, never names), counted under
 * its role; each dead letter counted under its reason.
 */
public final class DemoOutputs implements OutputWatcher.Listener {
  private record Writer(BuiltTopology topology, String kind) {}

  private final Map<String, List<Writer>> writersByTopic = new HashMap<>();
  private final Map<String, String> topologyByDeadLetterTopic = new HashMap<>();
  private final DemoTally tally;
  private final DemoConsole console;
  private long total;

  public DemoOutputs(List<BuiltTopology> shapes, DemoTally tally, DemoConsole console) {
    this.tally = tally;
    this.console = console;
    for (BuiltTopology topology : shapes) {
      for (String topic : topology.sinkTopics()) {
        String kind = topology.roleOf(topic).map(TopicRole::name).orElse(topic);
        writersByTopic
            .computeIfAbsent(topic, t -> new ArrayList<>())
            .add(new Writer(topology, kind));
      }
      topologyByDeadLetterTopic.put(topology.deadLetterTopic(), topology.name());
    }
  }

  @Override
  public synchronized void output(String topic, JsonNode value) {
    String line = "";
    for (Writer writer : writersByTopic.getOrDefault(topic, List.of())) {
      line = writer.topology().definition().summarize(writer.kind(), value);
      tally.output(writer.topology().name(), writer.kind(), line);
    }
    console.record(String.format("#%-5d %-28s %s", ++total, topic, line));
  }

  @Override
  public synchronized void deadLetter(String topic, String reason) {
    tally.deadLetter(topologyByDeadLetterTopic.getOrDefault(topic, topic), reason);
    console.record(String.format("#%-5d %-28s dead letter: %s", ++total, topic, reason));
  }
}
