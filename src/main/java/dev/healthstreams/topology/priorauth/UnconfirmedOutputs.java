package dev.healthstreams.topology.priorauth;

import dev.healthstreams.avro.PriorAuthBreachSent;
import dev.healthstreams.avro.PriorAuthView;
import dev.healthstreams.topology.support.CommittedInput;
import dev.healthstreams.topology.support.InputPosition;
import dev.healthstreams.topology.support.UnconfirmedSends;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outputs of the wall-clock punctuation a PA's stored view keeps until a commit confirms that
 * they were sent ({@link UnconfirmedSends}), under at-least-once: its SLA breaches, in the {@code
 * unconfirmedBreaches} field, and its retention expiry (the views-topic tombstone), as {@code
 * expiredAt} on a view kept in place of the deleted one (the statistics leave with the view: see
 * {@link PartitionStats}). The punctuation writes them, not an input record, so no record read
 * again after a crash brings them back as {@link PriorAuthUndo} brings back an event's outputs.
 * Where no committed input is installed (exactly-once, tests, backtests) nothing is kept: an
 * expired view is deleted at once.
 */
final class UnconfirmedOutputs {
  static final UnconfirmedOutputs NONE = new UnconfirmedOutputs(Optional.empty());

  private final Optional<UnconfirmedSends> sends;

  private UnconfirmedOutputs(Optional<UnconfirmedSends> sends) {
    this.sends = sends;
  }

  /** As the processor's {@code context.appConfigs()} say: kept when a committed input is there. */
  static UnconfirmedOutputs from(Map<String, Object> appConfigs) {
    return new UnconfirmedOutputs(CommittedInput.from(appConfigs).map(UnconfirmedSends::new));
  }

  /** Every status event, before it is applied. */
  void read(InputPosition here) {
    sends.ifPresent(s -> s.read(here));
  }

  /** Whether outputs are kept until confirmed (at-least-once). */
  boolean kept() {
    return sends.isPresent();
  }

  /**
   * The entries the view keeps after a breach found in {@code stored} at {@code now}, which this
   * instance sends; none when nothing is kept.
   */
  List<PriorAuthBreachSent> sending(PriorAuthView stored, long now) {
    if (sends.isEmpty()) {
      return List.of();
    }
    sends.get().sent(stored.getPriorAuthId());
    List<PriorAuthBreachSent> entries = new ArrayList<>(stored.getUnconfirmedBreaches());
    entries.add(new PriorAuthBreachSent(now, published(stored)));
    return entries;
  }

  /**
   * The view kept in place of {@code stored}, which retention deletes at {@code now} and whose
   * tombstone this instance sends.
   */
  PriorAuthView expiring(PriorAuthView stored, long now) {
    sends.orElseThrow().sent(stored.getPriorAuthId());
    return PriorAuthView.newBuilder(stored).setExpiredAt(now).build();
  }

  /** Whether the view stands for a PA that retention deleted, awaiting confirmation. */
  static boolean isExpiring(PriorAuthView view) {
    return view != null && view.getExpiredAt() != null;
  }

  /** For a stored view that holds entries, or is expiring. */
  UnconfirmedSends.Status status(PriorAuthView stored) {
    return sends
        .map(s -> s.status(stored.getPriorAuthId()))
        .orElse(UnconfirmedSends.Status.CONFIRMED); // none kept: whatever is stored can go
  }

  /** This instance sent the stored view's entries again. */
  void resent(PriorAuthView stored) {
    sends.ifPresent(s -> s.sent(stored.getPriorAuthId()));
  }

  /** The stored view's entries are dropped, or the view is. */
  void forget(String priorAuthId) {
    sends.ifPresent(s -> s.forget(priorAuthId));
  }

  /** {@code view} keeping {@code entries}; the same instance when neither has any. */
  static PriorAuthView with(PriorAuthView view, List<PriorAuthBreachSent> entries) {
    if (entries.isEmpty() && view.getUnconfirmedBreaches().isEmpty()) {
      return view;
    }
    return PriorAuthView.newBuilder(view).setUnconfirmedBreaches(entries).build();
  }

  /**
   * The view as the views topic and the query answers carry it: without the processor's bookkeeping
   * (undo log, unconfirmed outputs), always empty there.
   */
  static PriorAuthView published(PriorAuthView view) {
    if (view.getUndo().isEmpty()
        && view.getUnconfirmedBreaches().isEmpty()
        && view.getExpiredAt() == null) {
      return view;
    }
    return PriorAuthView.newBuilder(view)
        .setUndo(List.of())
        .setUnconfirmedBreaches(List.of())
        .setExpiredAt(null)
        .build();
  }
}
