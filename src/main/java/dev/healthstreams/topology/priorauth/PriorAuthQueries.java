package dev.healthstreams.topology.priorauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.avro.PriorAuthStats;
import dev.healthstreams.avro.PriorAuthView;
import dev.healthstreams.serde.AvroJson;
import dev.healthstreams.topology.query.BadQueryParameter;
import dev.healthstreams.topology.query.KeyLookup;
import dev.healthstreams.topology.query.ListItem;
import dev.healthstreams.topology.query.ListQuery;
import dev.healthstreams.topology.query.LocalStores;
import dev.healthstreams.topology.query.PageRequest;
import dev.healthstreams.topology.query.PartitionEntry;
import dev.healthstreams.topology.query.PartitionMerge;
import dev.healthstreams.topology.query.QueryAnswer;
import dev.healthstreams.topology.query.QueryEndpoint;
import dev.healthstreams.topology.query.QueryRequest;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The PA read side over HTTP: one PA, a filtered list gathered from every replica, and the
 * statistics. A list filter on patient, breached SLA, payer or status walks that secondary index
 * (the most selective one given), not every view; the other filters are checked on the views it
 * finds. Every walk is in id order from the cursor and stops at the page; a filter on provider
 * alone has no index and walks the views until the page is full.
 */
final class PriorAuthQueries {
  static final String BY_ID = "/prior-auth/{id}";
  static final String LIST = "/prior-auth";
  static final String STATS = "/prior-auth/stats";
  static final String BREACHED = "breached";

  private PriorAuthQueries() {}

  static List<QueryEndpoint> endpoints(Function<LocalStores, PriorAuthReads> reads) {
    return List.of(
        KeyLookup.<PriorAuthView>answering(
            BY_ID,
            PriorAuthProcessor.VIEW_STORE,
            "id",
            (request, view) -> visible(view).map(v -> QueryAnswer.of(answer(v)))),
        new ListQuery(
            LIST,
            PriorAuthProcessor.VIEW_STORE,
            (stores, request, page) -> list(reads.apply(stores), request, page)),
        new ListQuery(
            STATS,
            PriorAuthStatsMerger.STATS_STORE,
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
                && (sla.isEmpty() || PriorAuthIndexes.breached(view));
    String after = page.after().orElse(null);
    Map.Entry<String, String> index = index(request, sla.isPresent());
    // Through an index or over every view, the walk is in id order and stops once the page is
    // full: it reads the page plus what the filters not served by the index skip.
    Function<Iterator<PartitionEntry<PriorAuthView>>, List<PartitionEntry<PriorAuthView>>>
        firstMatches =
            entries ->
                PartitionMerge.first(
                    entries,
                    entry -> visible(entry.value()).filter(matches).isPresent(),
                    page.fetchSize());
    List<PartitionEntry<PriorAuthView>> found =
        index == null
            ? reads.views(after, firstMatches)
            : reads.indexed(index.getKey(), index.getValue(), after, firstMatches);
    return found.stream().map(entry -> new ListItem(entry.key(), answer(entry.value()))).toList();
  }

  /** A stored view as a PA the queries know: none when retention deleted it. */
  private static Optional<PriorAuthView> visible(PriorAuthView stored) {
    return Optional.ofNullable(stored).filter(view -> !UnconfirmedOutputs.isExpiring(view));
  }

  /** The view as the views topic carries it ({@link UnconfirmedOutputs#published}). */
  static JsonNode answer(PriorAuthView view) {
    return AvroJson.toJson(UnconfirmedOutputs.published(view));
  }

  static List<ListItem> stats(PriorAuthReads reads, QueryRequest request, PageRequest page) {
    String prefix = request.param("payer").map(Contribution::payerPrefix).orElse("");
    return reads.stats(
        prefix,
        page.after().orElse(null),
        entries ->
            PartitionMerge.first(entries, entry -> true, page.fetchSize()).stream()
                .map(entry -> new ListItem(entry.key(), statsJson(entry.value())))
                .toList());
  }

  // The histogram stays out of the HTTP answer: its figures are there, its bytes on the topic.
  private static JsonNode statsJson(PriorAuthStats figures) {
    ObjectNode json = ((ObjectNode) AvroJson.toJson(figures)).deepCopy();
    json.remove("decisionHistogram");
    return json;
  }

  /**
   * The indexed filter likely to be the most selective: patient, then breached, then payer, then
   * status; null for none (provider alone is no index: that walk reads every view until the page is
   * full).
   */
  private static Map.Entry<String, String> index(QueryRequest request, boolean breached) {
    if (request.param("patient").isPresent()) {
      return Map.entry(PriorAuthIndexes.BY_PATIENT, request.param("patient").get());
    }
    if (breached) {
      return Map.entry(PriorAuthIndexes.BY_SLA, PriorAuthIndexes.BREACHED);
    }
    if (request.param("payer").isPresent()) {
      return Map.entry(PriorAuthIndexes.BY_PAYER, request.param("payer").get());
    }
    if (request.param("status").isPresent()) {
      return Map.entry(PriorAuthIndexes.BY_STATUS, request.param("status").get());
    }
    return null;
  }
}
