package dev.healthstreams.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResourceIdsTest {

  private static String idOf(String json) {
    return ResourceIds.idOf(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldFindTopLevelIdOfBareResource() {
    assertEquals(
        "obs-1",
        idOf(
            "{\"resourceType\":\"Observation\",\"code\":{\"coding\":[{\"code\":\"8867-4\",\"id\":\"x\"}]},"
                + "\"id\":\"obs-1\",\"status\":\"final\"}"));
  }

  @Test
  void shouldFindPayloadIdWhenMetadataComesFirst() {
    assertEquals(
        "pat-7",
        idOf(
            "{\"metadata\":{\"id\":\"event-1\",\"source\":\"ehr\"},"
                + "\"payload\":{\"resourceType\":\"Patient\",\"id\":\"pat-7\"}}"));
  }

  @Test
  void shouldFindPayloadIdWhenPayloadComesFirst() {
    assertEquals(
        "pat-7",
        idOf(
            "{\"payload\":{\"meta\":{\"id\":\"m\"},\"id\":\"pat-7\",\"resourceType\":\"Patient\"},"
                + "\"metadata\":{\"id\":\"event-1\"}}"));
  }

  @Test
  void shouldReturnNullForTextThatIsNotJson() {
    assertNull(idOf("this is not json"));
    assertNull(idOf("{\"id\":\"cut-off\",\"status\":"));
    assertNull(idOf("[{\"id\":\"in-an-array\"}]"));
    assertNull(idOf(""));
    assertNull(ResourceIds.idOf(null));
  }

  @Test
  void shouldReturnNullWhenThereIsNoStringId() {
    assertNull(idOf("{\"resourceType\":\"Observation\",\"subject\":{\"id\":\"nested-only\"}}"));
    assertNull(
        idOf("{\"metadata\":{\"id\":\"event-1\"},\"payload\":{\"resourceType\":\"Patient\"}}"));
    assertNull(idOf("{\"id\":42}"));
  }
}
