package dev.healthstreams.topology.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.avro.CanonicalPatient;
import dev.healthstreams.avro.CanonicalPrescription;
import dev.healthstreams.avro.SyncError;
import dev.healthstreams.testkit.TopologyKit;
import dev.healthstreams.testkit.TopologyKitExtension;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The topology through the test kit: each behaviour of the evidence list. */
class CanonicalSyncTopologyTest {
  static final String BLOCK =
      """
      canonical-sync:
        topics:
          ehr-patients: source.ehr.patient
          ehr-observations: source.ehr.observation
          pharmacy-prescriptions: source.pharmacy.prescription
          link-commands: sync.link-commands
          acknowledgements: [target.ehr.sync.completed, target.pharmacy.sync.completed, target.portal.sync.completed]
          patients: canonical.patient.validated
          prescriptions: canonical.prescription.validated
          observations: canonical.observation.validated
          errors: data.sync.errors
          review: sync.patient.review
          conflicts: sync.patient.conflicts
          reconciliation: sync.reconciliation
          dead-letter: canonical-sync.dlq
        survivorship:
          default: most-recent
          source-priority: [ehr, pharmacy]
          fields: {birthDate: source-priority, address: most-complete, telecom: fill-if-empty}
        conflict-window: P1D
        link-wait: PT10M
        reconcile-within: PT15M
        targets: {patient: [ehr, pharmacy, portal], prescription: [pharmacy]}
      """;
  static final Instant START = TopologyKitExtension.DEFAULT_START;

  @RegisterExtension
  static final TopologyKitExtension kit =
      TopologyKitExtension.of(CanonicalSyncTopology.NAME, TopologyKit.yaml(BLOCK));

  static byte[] bytes(Object json) {
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  static void ehr(String key, Object value) {
    kit.input(CanonicalSyncTopology.EHR_PATIENTS)
        .pipeInput(key, value == null ? null : bytes(value));
  }

  static void rx(String key, Object value) {
    kit.input(CanonicalSyncTopology.PRESCRIPTIONS_IN)
        .pipeInput(key, value == null ? null : bytes(value));
  }

  static void command(String command, String a, String b) {
    kit.input(CanonicalSyncTopology.LINK_COMMANDS)
        .pipeInput("c", bytes(SyncFixtures.command(command, a, b)));
  }

  static ObjectNode ann(String id, String version, String lastUpdated) {
    return SyncFixtures.ehrPatient(
        id, version, lastUpdated, "Robert", "Lee", "1980-01-01", "male", "M-1");
  }

  static ObjectNode annRx(String rxId, int version, String updatedAt, String patientId) {
    return SyncFixtures.prescription(
        rxId, version, updatedAt, patientId, "Bob", "Lee", "01/01/1980", "M", null);
  }

  static List<CanonicalPatient> patients() {
    return kit.output(CanonicalSyncTopology.PATIENTS).readValuesToList();
  }

  static String golden(String source) {
    SourceState state =
        kit.kit().<String, SourceState>keyValueStore(IdentityProcessor.SOURCES_STORE).get(source);
    return state == null ? null : state.goldenId();
  }

  static List<String> codes(SyncError error) {
    return error.getViolations().stream().map(v -> v.getCode()).toList();
  }

  @Test
  void shouldLinkAPharmacyRecordThatMatchesAndPublishTheRebuiltGolden() {
    ehr("e1", ann("e1", "1", "2023-12-01T00:00:00Z"));
    rx("rx1", annRx("rx1", 1, "2023-12-02T00:00:00Z", "ph1"));
    List<CanonicalPatient> published = patients();
    assertEquals(2, published.size());
    CanonicalPatient second = published.get(1);
    String expectedGolden = IdentityGraph.goldenIdOf(new SourceKey("ehr", "e1"), 0);
    assertEquals(expectedGolden, second.getGoldenId());
    assertEquals(2L, second.getVersion());
    assertEquals(
        List.of("ehr/e1", "pharmacy/ph1"),
        second.getSources().stream().map(s -> s.getSystem() + "/" + s.getId()).toList());
    assertEquals(List.of("Bob"), second.getGiven(), "most recent by default");
    assertEquals(expectedGolden, golden("pharmacy/ph1"));
    CanonicalPrescription prescription =
        kit.output(CanonicalSyncTopology.PRESCRIPTIONS).readValue();
    assertEquals(expectedGolden, prescription.getGoldenPatientId());
    assertEquals("1234567893", prescription.getPrescriberNpi().getValue());
    assertEquals(
        expectedGolden, second.getMetadata().getCausationId() == null ? null : expectedGolden);
  }
}
