package dev.healthstreams.topology.priorauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.avro.PriorAuthClock;
import dev.healthstreams.avro.PriorAuthStats;
import dev.healthstreams.avro.PriorAuthView;
import dev.healthstreams.serde.AvroJson;
import dev.healthstreams.topology.query.BadQueryParameter;
import dev.healthstreams.topology.query.KeyLookup;
import dev.healthstreams.topology.query.ListItem;
import dev.healthstreams.topology.query.ListQuery;
import dev.healthstreams.topology.query.LocalStores;
import dev.healthstreams.topology.query.PageRequest;
import dev.healthstreams.topology.query.QueryEndpoint;
import dev.healthstreams.topology.query.QueryRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The PA read side over HTTP: one PA, a filtered list gathered from every replica, and the
 * statistics. A list filter on patient, payer or status walks that secondary index (the most
 * selective one given), not every view; the other filters are checked on the views it finds.
 */
final class PriorAuthQueries {
  static final String BY_ID = "/prior-auth/{id}";
  static final String LIST = "/prior-auth";
  static final String STATS = "/prior-auth/stats";
  static final String BREACHED = "breached";

  private PriorAuthQueries() {}

  static List<QueryEndpoint> endpoints(Function<LocalStores, PriorAuthReads> reads) {
    return List.of(
        KeyLookup.<PriorAuthView>byPathParam(
            BY_ID, PriorAuthProcessor.VIEW_STORE, "id", AvroJson::toJson),
        new ListQuery(
            LIST,
            PriorAuthProcessor.VIEW_STORE,
            (stores, request, page) -> list(reads.apply(stores), request, page)),
        new ListQuery(
            STATS,
            PriorAuthStatsAggregator.STATS_STORE,
            (stores, request, page) -> stats(reads.apply(stores), request, page)));
  }

  static List<ListItem> list(PriorAuthReads reads, QueryRequest request, PageRequest page) {
    Optional<String> status = request.param("status");
    if (status.isPresent()
        && PriorAuthStatus.named(status.get()).filter(PriorAuthStatus::isLifecycle).isEmpty()) {
      throw new BadQueryParameter("status", "'" + status.get() + "' is not a PA status");
    }
    Optional<String> sla = request.param("sla");
    if (sla.isPresent() && !sla.get().equals(BREACHED)) {
      throw new BadQueryParameter("sla", "only sla=" + BREACHED + " is supported");
    }
    Predicate<PriorAuthView> matches =
        view ->
            status.map(s -> s.equals(view.getStatus())).orElse(true)
                && request.param("payer").map(p -> p.equals(view.getPayerId())).orElse(true)
                && request.param("patient").map(p -> p.equals(view.getPatientId())).orElse(true)
                && request.param("provider").map(p -> p.equals(view.getProviderId())).orElse(true)
                && (sla.isEmpty() || breached(view));
    Smallest smallest = new Smallest(page);
    String after = page.after().orElse(null);
    Map.Entry<String, String> index = index(request);
    if (index == null) {
      reads.views(
          after,
          (id, view) -> {
            if (smallest.wants(id) && matches.test(view)) {
              smallest.put(id, view);
            }
          });
    } else {
      reads.indexed(
          index.getKey(),
          index.getValue(),
          after,
          id -> {
            if (smallest.wants(id)) {
              PriorAuthView view = reads.view(id);
              if (view != null && matches.test(view)) {
                smallest.put(id, view);
              }
            }
          });
    }
    return smallest.items();
  }

  static List<ListItem> stats(PriorAuthReads reads, QueryRequest request, PageRequest page) {
    String prefix = request.param("payer").map(Contribution::payerPrefix).orElse("");
    TreeMap<String, JsonNode> items = new TreeMap<>();
    reads.stats(
        prefix,
        (key, figures) -> {
          if (page.isAfterCursor(key)) {
            items.put(key, statsJson(figures));
            if (items.size() > page.fetchSize()) {
              items.pollLastEntry();
            }
          }
        });
    List<ListItem> list = new ArrayList<>();
    items.forEach((key, json) -> list.add(new ListItem(key, json)));
    return list;
  }

  // The histogram stays out of the HTTP answer: its figures are there, its bytes on the topic.
  private static JsonNode statsJson(PriorAuthStats figures) {
    ObjectNode json = ((ObjectNode) AvroJson.toJson(figures)).deepCopy();
    json.remove("decisionHistogram");
    return json;
  }

  /** The most selective indexed filter given: patient, then payer, then status; null for none. */
  private static Map.Entry<String, String> index(QueryRequest request) {
    if (request.param("patient").isPresent()) {
      return Map.entry(PriorAuthIndexes.BY_PATIENT, request.param("patient").get());
    }
    if (request.param("payer").isPresent()) {
      return Map.entry(PriorAuthIndexes.BY_PAYER, request.param("payer").get());
    }
    if (request.param("status").isPresent()) {
      return Map.entry(PriorAuthIndexes.BY_STATUS, request.param("status").get());
    }
    return null;
  }

  private static boolean breached(PriorAuthView view) {
    for (PriorAuthClock clock : view.getClocks()) {
      if (ClockState.BREACHED.name().equals(clock.getState())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The page's smallest ids seen: a replica's partitions are walked one after another, so the order
   * is not global; bounded memory.
   */
  private static final class Smallest {
    private final PageRequest page;
    private final TreeMap<String, PriorAuthView> kept = new TreeMap<>();

    Smallest(PageRequest page) {
      this.page = page;
    }

    boolean wants(String id) {
      return page.isAfterCursor(id)
          && (kept.size() < page.fetchSize() || id.compareTo(kept.lastKey()) < 0);
    }

    void put(String id, PriorAuthView view) {
      kept.put(id, view);
      if (kept.size() > page.fetchSize()) {
        kept.pollLastEntry();
      }
    }

    List<ListItem> items() {
      List<ListItem> items = new ArrayList<>(kept.size());
      kept.forEach((id, view) -> items.add(new ListItem(id, AvroJson.toJson(view))));
      return items;
    }
  }
}
