package dev.healthstreams.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamThreadFailuresTest {

  @Test
  void shouldStopTheTopologyWhenTheClusterRefusesItsPrincipal() {
    assertEquals(
        StreamThreadExceptionResponse.SHUTDOWN_CLIENT,
        StreamThreadFailures.respond(
            "t",
            new StreamsException(
                "Error encountered sending record",
                new TopicAuthorizationException(Set.of("alerts.medication")))));
    assertEquals(
        StreamThreadExceptionResponse.SHUTDOWN_CLIENT,
        StreamThreadFailures.respond(
            "t", new StreamsException(new TransactionalIdAuthorizationException("denied"))));
    assertEquals(
        StreamThreadExceptionResponse.SHUTDOWN_CLIENT,
        StreamThreadFailures.respond("t", new SaslAuthenticationException("bad credentials")));
  }

  @Test
  void shouldReplaceAThreadThatDiedOfAnythingElse() {
    assertEquals(
        StreamThreadExceptionResponse.REPLACE_THREAD,
        StreamThreadFailures.respond("t", new StreamsException(new TimeoutException("slow"))));
    assertEquals(
        StreamThreadExceptionResponse.REPLACE_THREAD,
        StreamThreadFailures.respond("t", new IllegalStateException("bug")));
  }
}
