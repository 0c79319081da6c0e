package dev.healthstreams.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.errors.BadRecordException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Full HAPI parsing of a FHIR R4 resource, bare or in the platform envelope {@code {"metadata":
 * ..., "payload": <resource>}}, for records few enough to afford it (Patients, Medications at most;
 * Observations go through {@link ObservationReader}). Failures are {@link BadRecordException}s
 * whose messages carry ids only: HAPI's and Jackson's quote the payload.
 *
 * <p>The narrative ({@code text}) is not read: nothing the app takes from a resource is in it, and
 * HAPI builds an XHTML parser, with its table of two thousand entities, for every narrative it
 * reads. That was a third of a Patient's parse, and a fifth of the stream thread's time while
 * alerting loaded its patient table (JFR, bench 2026-11-30).
 */
public final class FhirResources {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FhirResources() {}

  /** The resource, which must be of {@code type}, without its narrative. */
  public static <T extends IBaseResource> T parse(byte[] json, Class<T> type) {
    return parse(parseTree(json), type);
  }

  /** As {@link #parse(byte[], Class)}, from a document already read; the document is unchanged. */
  public static <T extends IBaseResource> T parse(JsonNode document, Class<T> type) {
    JsonNode resource = resourceOf(document);
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
      return parser.parseResource(type, JSON.writeValueAsString(withoutNarrative(resource)));
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

  private static JsonNode withoutNarrative(JsonNode resource) {
    if (!(resource instanceof ObjectNode object) || !object.has("text")) {
      return resource;
    }
    ObjectNode shallow = object.objectNode();
    shallow.setAll(object);
    shallow.remove("text");
    return shallow;
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
