package dev.healthstreams.jmh;

import ca.uhn.fhir.parser.IParser;
import dev.healthstreams.fhir.FhirContexts;
import dev.healthstreams.fhir.ObservationReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Observation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reading one FHIR Observation: a full HAPI parse into the R4 model against the topology's
 * streaming {@link ObservationReader}, over the real Synthea records, one record per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ObservationParsingBenchmark {

  private String[] json;
  private byte[][] bytes;
  private int next;
  private IParser hapi;
  private ObservationReader reader;

  @Setup
  public void setUp() {
    List<String> lines = SampleObservations.load();
    json = lines.toArray(String[]::new);
    bytes =
        lines.stream().map(line -> line.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    // Parsers are not thread-safe (the state is per thread); the context is built here, once.
    hapi = FhirContexts.r4().newJsonParser();
    reader = new ObservationReader();
  }

  private int nextIndex() {
    int index = next;
    next = index + 1 == json.length ? 0 : index + 1;
    return index;
  }

  @Benchmark
  public void hapiParse(Blackhole blackhole) {
    blackhole.consume(hapi.parseResource(Observation.class, json[nextIndex()]));
  }

  @Benchmark
  public void observationReader(Blackhole blackhole) {
    blackhole.consume(reader.read(bytes[nextIndex()]));
  }
}
