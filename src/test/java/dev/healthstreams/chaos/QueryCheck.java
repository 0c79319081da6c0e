package dev.healthstreams.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.e2e.Http;
import java.io.BufferedReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether every replica's state stores answer as the recomputation says, for every key (or, above
 * {@link #MAX_KEYS}, a random sample of that many distinct keys) of each topology that has a key
 * lookup: a PA's view ({@code /prior-auth/{id}}) equals the backtest's latest view of it; a
 * patient's active medications are exactly the requests the input gave them (every request is
 * active and names a drug, so the expectation is read off the input). Every replica answers every
 * key, its own or forwarded to the owner.
 *
 * <p>A 503 is the service's honest "not now" while a group rebalances (a long run can still be
 * moving standbys when the check starts), so the check does what a client should: it waits the
 * answer's {@code Retry-After} and asks again, for at most {@link #UNAVAILABLE_FOR}, and reports
 * how many answers needed it.
 */
final class QueryCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every key of the reduced run; a sample of the full run's, so the check takes seconds. */
  static final int MAX_KEYS = 2_000;

  /** How long one key may keep answering 503 before the check counts it as a difference. */
  static final Duration UNAVAILABLE_FOR = Duration.ofMinutes(2);

  private final ChaosInput input;
  private final Map<String, Path> backtests;
  private final Random random;

  QueryCheck(ChaosInput input, Map<String, Path> backtests, Random random) {
    this.input = input;
    this.backtests = backtests;
    this.random = random;
  }

  /** Per replica and endpoint: "500/500 equal", or the first difference. */
  Map<String, String> check(List<Replica> replicas) throws Exception {
    Map<String, JsonNode> views = latestViews();
    Map<String, Set<String>> requests = requestsByPatient();
    List<String> paSample = sample(input.size.priorAuths(), "chaos-pa-");
    List<String> patientSample = sample(input.size.patients(), "chaos-patient-");
    Map<String, String> results = new LinkedHashMap<>();
    for (Replica replica : replicas) {
      results.put(
          replica.instanceId + " /prior-auth/{id}",
          compare(
              paSample,
              id -> Http.get(replica.base() + "/prior-auth/" + id),
              id -> views.get(id),
              answer -> answer.path("value")));
      results.put(
          replica.instanceId + " /medication-interaction/patients/{id}/active-medications",
          compare(
              patientSample,
              id ->
                  Http.get(
                      replica.base()
                          + "/medication-interaction/patients/"
                          + id
                          + "/active-medications"),
              id -> requests.containsKey(id) ? JSON.valueToTree(requests.get(id)) : null,
              QueryCheck::requestIds));
    }
    return results;
  }

  private interface Get {
    HttpResponse<String> at(String key) throws Exception;
  }

  private interface Expect {
    JsonNode of(String key);
  }

  private interface Project {
    JsonNode of(JsonNode answer);
  }

  private static String compare(List<String> keys, Get get, Expect expect, Project project)
      throws Exception {
    int equal = 0;
    int retried = 0;
    String first = null;
    for (String key : keys) {
      HttpResponse<String> response = get.at(key);
      if (response.statusCode() == 503) {
        retried++;
        response = retryWhileUnavailable(key, get, response);
      }
      JsonNode expected = expect.of(key);
      boolean same =
          expected == null
              ? response.statusCode() == 404
              : response.statusCode() == 200
                  && expected.equals(project.of(JSON.readTree(response.body())));
      if (same) {
        equal++;
      } else if (first == null) {
        first =
            key
                + ": HTTP "
                + response.statusCode()
                + " expected "
                + (expected == null ? "404" : "200");
      }
    }
    return equal
        + "/"
        + keys.size()
        + " equal"
        + (retried == 0 ? "" : " (" + retried + " answered 503 first, asked again)")
        + (first == null ? "" : "; first difference " + first);
  }

  private static HttpResponse<String> retryWhileUnavailable(
      String key, Get get, HttpResponse<String> response) throws Exception {
    Instant giveUp = Instant.now().plus(UNAVAILABLE_FOR);
    while (response.statusCode() == 503 && Instant.now().isBefore(giveUp)) {
      long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
      Thread.sleep(Duration.ofSeconds(Math.max(1, seconds)).toMillis());
      response = get.at(key);
    }
    return response;
  }

  private static JsonNode requestIds(JsonNode answer) {
    Set<String> ids = new TreeSet<>();
    answer.path("value").path("requests").forEach(r -> ids.add(r.path("requestId").asText()));
    return JSON.valueToTree(ids);
  }

  private List<String> sample(int count, String prefix) {
    List<String> keys = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      keys.add(prefix + i);
    }
    Collections.shuffle(keys, random);
    return keys.subList(0, Math.min(count, MAX_KEYS));
  }

  private Map<String, JsonNode> latestViews() throws Exception {
    Map<String, JsonNode> views = new HashMap<>();
    Path file = backtests.get(ChaosInput.PRIOR_AUTH).resolve("views.ndjson");
    try (BufferedReader reader = Files.newBufferedReader(file)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        JsonNode record = JSON.readTree(line);
        JsonNode value = record.get("value");
        if (value == null || value.isNull()) {
          views.remove(record.path("key").asText());
        } else {
          views.put(record.path("key").asText(), value);
        }
      }
    }
    return views;
  }

  private Map<String, Set<String>> requestsByPatient() throws Exception {
    Map<String, Set<String>> byPatient = new HashMap<>();
    for (Path file : input.inputsOf(ChaosInput.INTERACTION).get("medication-requests")) {
      try (BufferedReader reader = Files.newBufferedReader(file)) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          JsonNode request = JSON.readTree(line).path("value");
          String patient =
              request.path("subject").path("reference").asText().replace("Patient/", "");
          byPatient.computeIfAbsent(patient, p -> new TreeSet<>()).add(request.path("id").asText());
        }
      }
    }
    return byPatient;
  }
}
