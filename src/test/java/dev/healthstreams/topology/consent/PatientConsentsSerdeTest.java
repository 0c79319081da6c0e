package dev.healthstreams.topology.consent;

import static dev.healthstreams.topology.consent.ConsentFixtures.T0;
import static dev.healthstreams.topology.consent.ConsentFixtures.org;
import static dev.healthstreams.topology.consent.ConsentFixtures.resource;
import static dev.healthstreams.topology.consent.ConsentFixtures.role;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.errors.BadRecordException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * The consent table's value written and read back. The token reader is checked against Jackson's
 * data binding of the same records (what read the table before it) on every FHIR example, a grant,
 * a revoke of an unknown consent and a history of several versions.
 */
class PatientConsentsSerdeTest {
  private static final Serde<PatientConsents> SERDE = PatientConsentsSerde.consents();
  private static final ObjectMapper BINDING =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final List<String> EXAMPLES =
      List.of(
          "consent-example-notOrg",
          "consent-example-signature",
          "consent-example-notTime",
          "consent-example-Emergency",
          "consent-example-grantor",
          "consent-example-notThem",
          "consent-example-notAuthor",
          "consent-example-Out");

  private static PatientConsents everyKind() {
    List<ConsentHistory> histories = new ArrayList<>();
    for (String example : EXAMPLES) {
      Consent consent = FhirConsentMapper.map(resource(example), 0L);
      histories.add(ConsentFixtures.history(consent, T0));
    }
    Consent grant =
        ConsentFixtures.grant(
            "g1",
            T0,
            new Period(T0, T0 + 1000),
            List.of(org("o1"), role("PRCP")),
            List.of("TREAT", "ETREAT"),
            List.of("observations"));
    histories.add(
        new ConsentHistory(
            "g1",
            SourceFormat.EVENT,
            List.of(
                new ConsentVersion(T0, ConsentState.ACTIVE, grant),
                new ConsentVersion(
                    T0 + 5, ConsentState.REVOKED, grant.withState(ConsentState.REVOKED)))));
    histories.add(
        new ConsentHistory(
            "unknown",
            SourceFormat.EVENT,
            List.of(new ConsentVersion(T0 + 7, ConsentState.REVOKED, null))));
    return new PatientConsents("p1", histories);
  }

  @Test
  void readsBackWhatItWroteAsDataBindingDoes() throws Exception {
    PatientConsents written = everyKind();
    byte[] bytes = SERDE.serializer().serialize("t", written);

    PatientConsents read = SERDE.deserializer().deserialize("t", bytes);

    assertEquals(written, read);
    assertEquals(BINDING.readValue(bytes, PatientConsents.class), read);
  }

  @Test
  void skipsFieldsItDoesNotKnowAtEveryLevel() {
    String json =
        """
        {"patientId":"p1","later":{"a":[1,{"b":2}]},"consents":[{"consentId":"c1","x":[],
         "source":"FHIR","versions":[{"at":5,"y":null,"state":"ACTIVE","consent":{"id":"c1",
         "patientId":"p1","source":"FHIR","state":"ACTIVE","dateTime":3,"z":"?",
         "period":{"start":1,"open":false},"policy":"DENY","root":{"type":"PERMIT","w":[[]],
         "actors":[{"kind":"USER","id":"u1","v":1}],"purposes":["TREAT"],
         "dataPeriod":{"end":9},"provisions":[]}}}]}]}""";

    PatientConsents read =
        SERDE.deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8));

    Provision root =
        new Provision(
            ProvisionType.PERMIT,
            null,
            List.of(new Actor(Actor.Kind.USER, "u1")),
            null,
            List.of("TREAT"),
            null,
            null,
            new Period(null, 9L),
            null);
    Consent consent =
        new Consent(
            "c1",
            "p1",
            SourceFormat.FHIR,
            ConsentState.ACTIVE,
            3,
            new Period(1L, null),
            ProvisionType.DENY,
            root);
    assertEquals(
        new PatientConsents(
            "p1",
            List.of(
                new ConsentHistory(
                    "c1",
                    SourceFormat.FHIR,
                    List.of(new ConsentVersion(5, ConsentState.ACTIVE, consent))))),
        read);
  }

  @Test
  void stateItCannotReadIsABadRecordWithoutItsContent() {
    for (String json :
        List.of(
            "{\"patientId\":\"p1\",\"consents\":[{\"consentId\":\"c1\",\"source\":\"PAPER\"}]}",
            "{\"patientId\":\"p1\",\"consents\":[{\"consentId\":",
            "[]",
            "{\"patientId\":\"p1\",\"consents\":[\"c1\"]}")) {
      BadRecordException e =
          assertThrows(
              BadRecordException.class,
              () -> SERDE.deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8)),
              json);
      assertEquals("bad-state", e.reason());
      assertEquals("cannot read PatientConsents", e.getMessage());
    }
  }
}
