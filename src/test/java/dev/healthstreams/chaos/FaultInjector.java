package dev.healthstreams.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Carries out a {@link FaultPlan} on its own thread while the input is fed: each fault at its
 * moment (or at once, when the one before took longer), the restart after its pause. Replicas are
 * restarted without waiting for them to be ready, so a later fault may hit one still starting.
 */
final class FaultInjector {
  private final List<FaultPlan.Fault> faults;
  private final List<Replica> replicas;
  private final BrokerProcess broker;
  private final Consumer<String> say;
  private final List<String> done = new ArrayList<>();
  private final Thread thread;
  private volatile Throwable failure;
  private long startedAt;

  FaultInjector(
      List<FaultPlan.Fault> faults,
      List<Replica> replicas,
      BrokerProcess broker,
      Consumer<String> say) {
    this.faults = faults;
    this.replicas = replicas;
    this.broker = broker;
    this.say = say;
    this.thread = new Thread(this::runAll, "chaos-faults");
  }

  void start() {
    startedAt = System.nanoTime();
    thread.start();
  }

  /** Waits until every fault and its restart is done; returns what happened, when. */
  List<String> finish() throws Exception {
    thread.join();
    if (failure != null) {
      throw new AssertionError("a fault or its restart failed", failure);
    }
    return List.copyOf(done);
  }

  /**
   * Stops injecting, for a run that failed before {@link #finish}: no fault may restart a broker or
   * a replica after the run has closed them.
   */
  void abandon() throws InterruptedException {
    thread.interrupt();
    thread.join();
  }

  private void runAll() {
    try {
      for (FaultPlan.Fault fault : faults) {
        long wait = startedAt + fault.at().toNanos() - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait); // the fault's random moment
        }
        String what = inject(fault);
        synchronized (done) {
          done.add(what);
        }
        say.accept("fault: " + what);
      }
    } catch (Throwable e) { // an AssertionError of a restart that never got ready included
      failure = e;
    }
  }

  private String inject(FaultPlan.Fault fault) throws Exception {
    double at = (System.nanoTime() - startedAt) / 1e9;
    switch (fault.kind()) {
      case KILL_REPLICA -> {
        Replica replica = replicas.get(fault.replica());
        replica.kill();
        TimeUnit.MILLISECONDS.sleep(fault.pause().toMillis()); // the drawn pause before restart
        replica.start();
        return String.format(
            "%6.1fs kill -9 %s, restarted after %.1fs",
            at, replica.instanceId, fault.pause().toMillis() / 1000.0);
      }
      case RESTART_REPLICA -> {
        Replica replica = replicas.get(fault.replica());
        // A graceful restart is of a working replica: one still starting would exit before its
        // shutdown hook exists (exit 143), which tests nothing kill -9 does not.
        replica.awaitReady(Duration.ofSeconds(300));
        at = (System.nanoTime() - startedAt) / 1e9;
        long stopping = System.nanoTime();
        int exit = replica.terminate();
        double took = (System.nanoTime() - stopping) / 1e9;
        replica.start();
        return String.format(
            "%6.1fs SIGTERM %s: exit %d after %.1fs, restarted",
            at, replica.instanceId, exit, took);
      }
      case KILL_BROKER -> {
        broker.kill();
        TimeUnit.MILLISECONDS.sleep(fault.pause().toMillis()); // the drawn pause before restart
        long starting = System.nanoTime();
        broker.start();
        return String.format(
            "%6.1fs kill -9 broker, restarted after %.1fs, ready %.1fs later",
            at, fault.pause().toMillis() / 1000.0, (System.nanoTime() - starting) / 1e9);
      }
      default -> throw new IllegalStateException(fault.kind().toString());
    }
  }
}
