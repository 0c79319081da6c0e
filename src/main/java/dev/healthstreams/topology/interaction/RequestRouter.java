package dev.healthstreams.topology.interaction;

import dev.healthstreams.avro.MedicationOrder;
import dev.healthstreams.topology.support.StatefulProcessors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Sends each request version either through the Medication join or straight on to patient
 * assignment ({@link RequestRoute} says which and why). A version of a request never seen that is
 * not active (a delete, or a stopped, completed or other inactive status) is dropped: there is
 * nothing to remove from a patient and nothing to check. Most of a MedicationRequest feed's history
 * is such versions (four in five of the Synthea sample's), and each would otherwise pay a route
 * write, the repartition hop and the check, or the join's hops.
 */
final class RequestRouter implements FixedKeyProcessor<String, MedicationOrder, RoutedOrder> {
  static final String STORE = "medication-request-routes";

  private FixedKeyProcessorContext<String, RoutedOrder> context;
  private KeyValueStore<String, RequestRoute> routes;

  /**
   * The router with the routes store it declares. {@link PatientAssignmentProcessor} shares the
   * store and connects to it by {@link #STORE} name.
   */
  static FixedKeyProcessorSupplier<String, MedicationOrder, RoutedOrder> supplier() {
    StoreBuilder<KeyValueStore<String, RequestRoute>> routes =
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(STORE), Serdes.String(), new RequestRouteSerde());
    return StatefulProcessors.fixedKeySupplier(RequestRouter::new, routes);
  }

  @Override
  public void init(FixedKeyProcessorContext<String, RoutedOrder> context) {
    this.context = context;
    this.routes = context.getStateStore(STORE);
  }

  @Override
  public void process(FixedKeyRecord<String, MedicationOrder> record) {
    MedicationOrder version = record.value();
    RequestRoute route = routes.get(record.key());
    if (route == null) {
      if (version == null || !ActiveMedications.isActive(version.getStatus())) {
        return;
      }
      route = RequestRoute.UNKNOWN;
    }
    RequestRoute next = route.after(version);
    if (next != route) {
      routes.put(record.key(), next);
    }
    context.forward(record.withValue(new RoutedOrder(version, next.joins(version))));
  }
}
