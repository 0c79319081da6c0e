package dev.healthstreams.jmh;

import dev.healthstreams.avro.ClinicalAlert;
import dev.healthstreams.avro.EventMetadata;
import dev.healthstreams.avro.Severity;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The topology's Avro serde (Confluent wire format, schema id from the registry) writing and
 * reading one enriched ClinicalAlert. The registry is the in-memory one: after the first call the
 * schema id is cached, as it is against a real registry, so this measures the serde itself.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AvroSerdeBenchmark {
  private static final String TOPIC = "clinical.alerts";

  private Serde<ClinicalAlert> serde;
  private Serializer<ClinicalAlert> serializer;
  private Deserializer<ClinicalAlert> deserializer;
  private ClinicalAlert alert;
  private byte[] serialized;

  @Setup
  public void setUp() {
    serde =
        new AvroSerdes(SchemaRegistries.connect("mock://jmh", Map.of()))
            .specific(ClinicalAlert.class);
    serializer = serde.serializer();
    deserializer = serde.deserializer();
    alert = alert();
    serialized = serializer.serialize(TOPIC, alert);
    if (!alert.equals(deserializer.deserialize(TOPIC, serialized))) {
      throw new IllegalStateException("the alert does not survive a round trip");
    }
  }

  @TearDown
  public void tearDown() {
    serde.close();
  }

  @Benchmark
  public void serialize(Blackhole blackhole) {
    blackhole.consume(serializer.serialize(TOPIC, alert));
  }

  @Benchmark
  public void deserialize(Blackhole blackhole) {
    blackhole.consume(deserializer.deserialize(TOPIC, serialized));
  }

  /** What observation-alerting writes for a Synthea heart rate above the tachycardia rule. */
  static ClinicalAlert alert() {
    String observationId = "8f1e0c52-3b9c-4d1e-a0a6-2f4b7c9d1e33";
    String ruleId = "tachycardia";
    long effective = Instant.parse("2023-03-14T09:26:53Z").toEpochMilli();
    return ClinicalAlert.newBuilder()
        .setMetadata(
            EventMetadata.newBuilder()
                .setEventId(observationId + ":" + ruleId + ":134.0|/min|HIGH")
                .setEventType("ClinicalAlert")
                .setEventSource("healthstreams/observation-alerting")
                .setCorrelationId("Observation/" + observationId)
                .setCausationId("Observation/" + observationId)
                .setTimestamp(Instant.ofEpochMilli(effective))
                .build())
        .setAlertId(observationId + ":" + ruleId)
        .setRuleId(ruleId)
        .setObservationId(observationId)
        .setPatientId("b4a7d3e2-9c1f-4e8a-bd52-7a1c6e0f3d94")
        .setCode("http://loinc.org|8867-4")
        .setCodeDisplay("Heart rate")
        .setSeverity(Severity.HIGH)
        .setDescription("Heart rate above 120 /min")
        .setComparator("gt")
        .setThreshold(120.0)
        .setValue(134.0)
        .setUnit("/min")
        .setStatus("final")
        .setEffectiveTime(Instant.ofEpochMilli(effective))
        .setPatientName("Jacinto644 Kris249")
        .setPatientMrn("MRN-4a1d7f")
        .setPatientBirthDate("1968-07-02")
        .build();
  }
}
