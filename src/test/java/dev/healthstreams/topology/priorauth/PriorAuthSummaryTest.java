package dev.healthstreams.topology.priorauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The demo's one-line summaries: statuses, ids and codes, nothing that names a person. */
class PriorAuthSummaryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final PriorAuthTopology topology = new PriorAuthTopology();

  @Test
  void shouldSummarizeAViewWithItsClocks() throws Exception {
    String line =
        topology.summarize(
            "views",
            JSON.readTree(
                "{\"priorAuthId\":\"pa-1\",\"status\":\"PENDED\",\"patientId\":\"pt-1\","
                    + "\"payerId\":\"payer-a\",\"clocks\":[{\"slaId\":\"determination\","
                    + "\"state\":\"BREACHED\"}]}"));

    assertEquals(
        "PENDED    pa-1                     patient=pt-1 payer=payer-a determination=BREACHED",
        line);
  }

  @Test
  void shouldSummarizeABreach() throws Exception {
    String line =
        topology.summarize(
            "sla",
            JSON.readTree(
                "{\"kind\":\"BREACHED\",\"priorAuthId\":\"pa-2\",\"slaId\":\"determination\","
                    + "\"payerId\":\"payer-a\",\"statusAtDeadline\":\"PENDED\"}"));

    assertEquals(
        "SLA-BREACHED pa-2                     patient=- determination payer=payer-a"
            + " status-at-deadline=PENDED",
        line);
  }
}
