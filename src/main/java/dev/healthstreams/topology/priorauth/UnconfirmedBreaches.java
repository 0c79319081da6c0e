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
 * The SLA breaches a PA's stored view keeps, in its {@code unconfirmedBreaches} field, until a
 * commit confirms that they were sent ({@link UnconfirmedSends}), under at-least-once. A breach is
 * written by the wall-clock punctuation, not by an input record, so no record read again after a
 * crash brings it back as {@link PriorAuthUndo} brings back an event's outputs. Where no committed
 * input is installed (exactly-once, tests, backtests) nothing is kept.
 */
final class UnconfirmedBreaches {
  static final UnconfirmedBreaches NONE = new UnconfirmedBreaches(Optional.empty());

  private final Optional<UnconfirmedSends> sends;

  private UnconfirmedBreaches(Optional<UnconfirmedSends> sends) {
    this.sends = sends;
  }

  /** As the processor's {@code context.appConfigs()} say: kept when a committed input is there. */
  static UnconfirmedBreaches from(Map<String, Object> appConfigs) {
    return new UnconfirmedBreaches(CommittedInput.from(appConfigs).map(UnconfirmedSends::new));
  }

  /** Every status event, before it is applied. */
  void read(InputPosition here) {
    sends.ifPresent(s -> s.read(here));
  }

  /** Whether breaches are kept until confirmed (at-least-once). */
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

  /** For a stored view that holds entries. */
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
   * (undo log, unconfirmed breaches), always empty there.
   */
  static PriorAuthView published(PriorAuthView view) {
    if (view.getUndo().isEmpty() && view.getUnconfirmedBreaches().isEmpty()) {
      return view;
    }
    return PriorAuthView.newBuilder(view)
        .setUndo(List.of())
        .setUnconfirmedBreaches(List.of())
        .build();
  }
}
