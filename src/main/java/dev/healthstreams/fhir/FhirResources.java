package dev.healthstreams.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.errors.BadRecordException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Full HAPI parsing of a FHIR R4 resource, bare or in the platform envelope {@code {"metadata":
 * ..., "payload": <resource>}}, for records few enough to afford it (Patients, Medications at most;
 * Observations go through {@link ObservationReader}). Failures are {@link BadRecordException}s
 * whose messages carry ids only: HAPI's and Jackson's quote the payload.
 */
public final class FhirResources {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FhirResources() {}

  /** The resource, which must be of {@code type}. */
  public static <T extends IBaseResource> T parse(byte[] json, Class<T> type) {
    JsonNode resource = resourceOf(parseTree(json));
    String id = resource.path("id").asText(null);
    JsonNode resourceType = resource.get("resourceType");
    if (resourceType == null || !resourceType.isTextual()) {
      throw new BadRecordException("not-fhir", "record has no resourceType (id " + id + ")");
    }
    String expected = FhirContexts.r4().getResourceType(type);
    if (!resourceType.asText().equals(expected)) {
      throw new BadRecordException(
          "wrong-resource-type", "expected a " + expected + " (id " + id + ")");
    }
    // A parser per call: HAPI parsers are not thread-safe. Lenient without logging: HAPI's
    // handler would log invalid values verbatim, and they are PHI.
    IParser parser =
        FhirContexts.r4().newJsonParser().setParserErrorHandler(new LenientErrorHandler(false));
    try {
      return parser.parseResource(type, JSON.writeValueAsString(resource));
    } catch (DataFormatException | JacksonException e) {
      throw new BadRecordException("not-fhir", expected + "/" + id + " is not valid FHIR R4");
    }
  }

  public static byte[] encode(IBaseResource resource) {
    return FhirContexts.r4()
        .newJsonParser()
        .encodeResourceToString(resource)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode parseTree(byte[] json) {
    return JsonObjects.read(json, "not-fhir");
  }

  private static JsonNode resourceOf(JsonNode root) {
    if (root.has("resourceType") || !root.has("payload")) {
      return root;
    }
    JsonNode payload = root.get("payload");
    if (!payload.isObject()) {
      throw new BadRecordException("not-fhir", "envelope payload is not a JSON object");
    }
    return payload;
  }
}
