package dev.healthstreams.topology.obscount;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthstreams.config.SettingsReader;
import dev.healthstreams.errors.BadRecordException;
import dev.healthstreams.fhir.ObservationFacts;
import dev.healthstreams.fhir.ObservationReader;
import dev.healthstreams.fhir.References;
import dev.healthstreams.topology.OutputSummaries;
import dev.healthstreams.topology.Topic;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopologyContext;
import dev.healthstreams.topology.TopologyDefinition;
import dev.healthstreams.topology.ValueFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A topology that exists only in the tests, to show that a new topology is one package plus one
 * line in {@code META-INF/services}: Observations in the configured statuses counted per patient,
 * written as a JSON table. The CLI, runtime, test kit and bench find it without a change.
 */
public final class ObservationCountTopology implements TopologyDefinition<CountSettings> {
  public static final String NAME = "observation-count";
  public static final String STORE = "observation-counts";
  public static final TopicRole<byte[]> OBSERVATIONS =
      TopicRole.streamInput(
              "observations", ValueFormat.fhir("Observation"), "FHIR R4 Observations, keyed by id")
          .withSample("/sample/Observation.ndjson.gz");
  public static final TopicRole<byte[]> COUNTS =
      TopicRole.output(
              "counts", ValueFormat.json(), "{patientId, observations}, keyed by patient id")
          .asTable();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Observations counted per patient (a test-only topology)";
  }

  @Override
  public List<TopicRole<?>> roles() {
    return List.of(OBSERVATIONS, COUNTS, TopicRole.deadLetter());
  }

  @Override
  public SettingsReader<CountSettings> settingsReader() {
    return CountSettings::read;
  }

  @Override
  public Topology build(TopologyContext<CountSettings> context) {
    ObservationReader reader = new ObservationReader();
    CountSettings settings = context.settings();
    Topic<String, byte[]> observations = context.topic(OBSERVATIONS);
    Topic<String, byte[]> counts = context.topic(COUNTS);
    StreamsBuilder builder = context.streamsBuilder();
    builder.stream(observations.name(), observations.consumed("read-observations"))
        .mapValues(json -> json == null ? null : reader.read(json), Named.as("read-observation"))
        .filter(
            (id, facts) -> facts != null && settings.statuses().contains(facts.status()),
            Named.as("in-counted-status"))
        .map(
            (id, facts) -> KeyValue.pair(patientOf(facts, settings), id),
            Named.as("key-by-patient"))
        .groupByKey(Grouped.with("observations-by-patient", Serdes.String(), Serdes.String()))
        .count(
            Named.as("count-per-patient"),
            Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(Serdes.Long()))
        .toStream(Named.as("counts"))
        .mapValues((patient, n) -> json(patient, n), Named.as("as-json"))
        .to(counts.name(), counts.produced("write-counts"));
    return builder.build();
  }

  @Override
  public String summarize(String role, JsonNode value) {
    return OutputSummaries.line(
        "-",
        "observations=" + OutputSummaries.text(value, "observations"),
        OutputSummaries.text(value, "patientId"),
        "");
  }

  private static String patientOf(ObservationFacts facts, CountSettings settings) {
    String patient = References.patientId(facts.subjectReference());
    if (patient == null && settings.unassignedPatient().isPresent()) {
      return settings.unassignedPatient().get();
    }
    if (patient == null) {
      throw new BadRecordException("no-patient", "Observation has no Patient subject");
    }
    return patient;
  }

  static byte[] json(String patient, long count) {
    return ("{\"patientId\":\"" + patient + "\",\"observations\":" + count + "}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
