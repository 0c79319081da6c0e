package dev.healthstreams.cli.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.healthstreams.topology.query.BenchQueries;
import dev.healthstreams.topology.query.KeyLookup;
import dev.healthstreams.topology.query.QueryEndpoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class QueryExamplesTest {
  private static final Map<String, Object> FIRST_KEYS =
      Map.of("patients", "p-1", "sources", "ehr/p 2", "recon", "patient/g-1", "counts", 7L);
  private static final Function<String, Optional<Object>> ANY_KEY =
      store -> Optional.ofNullable(FIRST_KEYS.get(store));

  private static String example(QueryEndpoint endpoint) {
    return QueryExamples.example(endpoint, BenchQueries.NONE, ANY_KEY);
  }

  @Test
  void shouldPutAKeyTheStoreHoldsInTheParameter() {
    assertEquals(
        "/x/patients/p-1/meds",
        example(KeyLookup.byPathParam("/x/patients/{id}/meds", "patients", "id", v -> null)));
  }

  @Test
  void shouldSplitAKeyOfSeveralParametersWhenTheEndpointMakesTheSameKeyFromThem() {
    assertEquals(
        "/x/sources/ehr/p%202", // a path's "+" is a plus to the query server
        example(
            KeyLookup.byStringKey(
                "/x/sources/{system}/{id}",
                "sources",
                r -> r.pathParam("system") + "/" + r.pathParam("id"),
                v -> null)));
    assertEquals(
        "/x/recon/{type}/{id}",
        example(
            KeyLookup.byStringKey(
                "/x/recon/{type}/{id}",
                "recon",
                r -> r.pathParam("type") + ":" + r.pathParam("id"), // not how the store keys
                v -> null)));
  }

  @Test
  void shouldKeepTheTemplateWithoutAStringKeyOrParameters() {
    assertEquals(
        "/x/empty/{id}", example(KeyLookup.byPathParam("/x/empty/{id}", "empty", "id", v -> null)));
    assertEquals(
        "/x/counts/{id}",
        example(KeyLookup.byPathParam("/x/counts/{id}", "counts", "id", v -> null)));
    assertEquals(
        "/x/stats", example(KeyLookup.byPathParam("/x/stats", "patients", "id", v -> null)));
  }

  @Test
  void shouldAddTheQueryStringTheBenchAsksTheSamePathWith() {
    BenchQueries bench =
        new BenchQueries(p -> "/x/patients/" + p + "/decision?purpose=TREAT", List.of());
    assertEquals(
        "/x/patients/p-1/decision?purpose=TREAT",
        QueryExamples.example(
            KeyLookup.answering(
                "/x/patients/{id}/decision", "patients", "id", (r, v) -> Optional.empty()),
            bench,
            ANY_KEY));
    assertEquals(
        "/x/patients/p-1",
        QueryExamples.example(
            KeyLookup.byPathParam("/x/patients/{id}", "patients", "id", v -> null),
            bench,
            ANY_KEY));
  }
}
