package dev.healthstreams.runtime.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.errors.BadRecordException;
import dev.healthstreams.serde.SchemaRegistryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {
  @Test
  void shouldTakeReasonAndMessageFromBadRecordException() {
    var failure =
        FailureClassifier.classify(
            new BadRecordException("no-subject", "observation o-1 has no subject"), "fallback");

    assertEquals("no-subject", failure.reason());
    assertEquals("dev.healthstreams.errors.BadRecordException", failure.errorClass());
    assertEquals("observation o-1 has no subject", failure.safeMessage());
  }

  @Test
  void shouldFindBadRecordExceptionWrappedInOtherExceptions() {
    var failure =
        FailureClassifier.classify(
            new StreamsException(
                "wrapper with payload",
                new IllegalStateException("x", new BadRecordException("corrupt-avro", "id 3"))),
            "fallback");

    assertEquals("corrupt-avro", failure.reason());
    assertEquals("id 3", failure.safeMessage());
  }

  @Test
  void shouldUseFallbackReasonAndRootClassAndNoMessageForForeignExceptions() {
    var failure =
        FailureClassifier.classify(
            new IllegalStateException(
                "wrapper: John Doe", new UncheckedIOException(new IOException("John Doe"))),
            "processing-error");

    assertEquals("processing-error", failure.reason());
    assertEquals("java.io.IOException", failure.errorClass());
    assertNull(failure.safeMessage());
  }

  @Test
  void shouldClassifySerializationExceptionAsDeserializationError() {
    var failure =
        FailureClassifier.classify(
            new StreamsException(new SerializationException("bad bytes: {name: Jane}")),
            "processing-error");

    assertEquals("deserialization-error", failure.reason());
    assertEquals(SerializationException.class.getName(), failure.errorClass());
    assertNull(failure.safeMessage());
  }

  @Test
  void shouldRecogniseRegistryOutageAnywhereInTheCauseChain() {
    assertTrue(FailureClassifier.isPlatformOutage(new SchemaRegistryException("down")));
    assertTrue(
        FailureClassifier.isPlatformOutage(
            new StreamsException(new RuntimeException(new SchemaRegistryException("down")))));
  }

  @Test
  void shouldNotTreatBadRecordsOrOtherFailuresAsOutage() {
    assertFalse(FailureClassifier.isPlatformOutage(new BadRecordException("r", "m")));
    assertFalse(FailureClassifier.isPlatformOutage(new RuntimeException("x")));
    assertFalse(FailureClassifier.isPlatformOutage(new SerializationException("x")));
  }

  @Test
  void shouldTerminateOnCauseCycle() {
    // Throwable refuses a cause of itself, but a cycle of two is what careless wrapping can build.
    RuntimeException outer = new RuntimeException("outer");
    IllegalStateException inner = new IllegalStateException("inner", outer);
    outer.initCause(inner);

    boolean outage =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5), () -> FailureClassifier.isPlatformOutage(outer));
    var failure =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5), () -> FailureClassifier.classify(outer, "processing-error"));

    assertFalse(outage);
    assertEquals("processing-error", failure.reason());
    // The last distinct exception of the chain stands for the root.
    assertEquals(IllegalStateException.class.getName(), failure.errorClass());
  }
}
