package dev.healthstreams.topology.priorauth;

import dev.healthstreams.avro.PriorAuthBreachSent;
import dev.healthstreams.avro.PriorAuthView;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A PA view's entries in the index store ({@link PriorAuthIndexes}): its secondary-index keys and
 * its due keys ({@link DueIndex}), each replaced by writing only the keys that differ.
 */
final class PriorAuthIndexWrites {
  private final BiConsumer<String, String> put;
  private final Consumer<String> delete;
  private final PriorAuthProjection projection;

  /**
   * @param put writes an entry of the index store
   * @param delete deletes one
   */
  PriorAuthIndexWrites(
      BiConsumer<String, String> put, Consumer<String> delete, PriorAuthProjection projection) {
    this.put = put;
    this.delete = delete;
    this.projection = projection;
  }

  /** The secondary-index keys of {@code before} replaced by those of {@code after} (null: none). */
  void replaceListed(PriorAuthView before, PriorAuthView after) {
    Map<String, String> oldKeys = PriorAuthIndexes.keys(before);
    Map<String, String> newKeys = PriorAuthIndexes.keys(after);
    oldKeys.forEach(
        (name, oldKey) -> {
          if (!oldKey.equals(newKeys.get(name))) {
            delete.accept(oldKey);
          }
        });
    newKeys.forEach(
        (name, newKey) -> {
          if (!newKey.equals(oldKeys.get(name))) {
            put.accept(newKey, "");
          }
        });
  }

  /**
   * Every entry a stored view has in the index store, as the processor's writes leave them: its
   * listed keys, its deadline keys and its retention key. A view still holding unconfirmed breaches
   * (at-least-once) also gets a key that is due at once, so the next check settles them as it would
   * have.
   */
  void addAll(PriorAuthView stored, RetentionPolicy retention) {
    PriorAuthState state = PriorAuthViews.toState(stored);
    addAll(
        stored,
        state,
        UnconfirmedOutputs.isExpiring(stored) ? null : projection.replay(state),
        retention);
  }

  /**
   * {@link #addAll(PriorAuthView, RetentionPolicy)} of a view the caller read already: a start does
   * it per view.
   *
   * @param replay null for an expiring view, which has no deadlines
   */
  void addAll(
      PriorAuthView stored, PriorAuthState state, Replay replay, RetentionPolicy retention) {
    String id = stored.getPriorAuthId();
    replaceListed(null, stored);
    replaceDue(Set.of(), replay == null ? Set.of() : dueOf(state, replay), id);
    put.accept(DueIndex.retention(state, retention), id);
    for (PriorAuthBreachSent sent : stored.getUnconfirmedBreaches()) {
      put.accept(DueIndex.key(sent.getAt(), DueIndex.DEADLINE, id), id);
    }
  }

  void replaceDue(Set<String> oldDue, Set<String> newDue, String id) {
    oldDue.stream().filter(k -> !newDue.contains(k)).forEach(delete);
    newDue.stream().filter(k -> !oldDue.contains(k)).forEach(k -> put.accept(k, id));
  }

  /** The deadline keys of a stored view; none for no view, or an expired one. */
  Set<String> dueOf(PriorAuthView view) {
    return view == null ? Set.of() : dueOf(view, PriorAuthViews.toState(view));
  }

  /** {@link #dueOf(PriorAuthView)} of a view whose state the caller read already. */
  private Set<String> dueOf(PriorAuthView view, PriorAuthState state) {
    return UnconfirmedOutputs.isExpiring(view) ? Set.of() : dueOf(state, projection.replay(state));
  }

  static Set<String> dueOf(PriorAuthState state, Replay replay) {
    return state == null ? Set.of() : DueIndex.deadlines(state, replay);
  }
}
