package dev.healthstreams.topology.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.healthstreams.avro.AccessDecision;
import dev.healthstreams.avro.ConsentGrantee;
import dev.healthstreams.avro.PatientConsentEvent;
import dev.healthstreams.testkit.TopologyKit;
import dev.healthstreams.testkit.TopologyKitExtension;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A generated stream of grants, revokes, FHIR opt-ins and opt-outs and access requests for 200
 * patients, in an order that sends many requests after consent changes with later times. Every
 * decision must equal that of {@link Oracle}, a deliberately simple evaluator over the generated
 * events that shares no code with the topology.
 */
class ConsentTableOracleTest {
  private static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  private static final long SECOND = 1000L;
  private static final List<String> ORGS = List.of("o1", "o2", "o3", "o4");
  private static final List<String> ROLES = List.of("PRCP", "NURSE", "AUDITOR");
  private static final List<String> PURPOSES =
      List.of("TREAT", "HPAYMT", "HOPERAT", "ETREAT", "BTG");
  private static final List<String> CATEGORIES = List.of("lab", "notes", "imaging");

  @RegisterExtension
  static final TopologyKitExtension kit =
      TopologyKitExtension.of(
          ConsentTableTopology.NAME,
          TopologyKit.yaml(
              """
              consent-table:
                topics:
                  consent-events: patient.consent
                  fhir-consents: fhir.consent
                  access-requests: data.access.requests
                  views: consent.views
                  expired: patient.consent.expired
                  decisions: data.access.decisions
                  audit: security.audit.consent-decisions
                  dead-letter: consent.dlq
              """));

  /** One generated input, in the order it is piped. */
  sealed interface Input permits Grant, Revoke, Fhir, Request {
    long time();

    String patient();
  }

  record Grant(
      String patient,
      String id,
      long time,
      long attestedAt,
      Long from,
      Long until,
      List<String[]> to,
      List<String> purposes,
      List<String> categories)
      implements Input {}

  record Revoke(String patient, String id, long time) implements Input {}

  /** A FHIR Consent with only a policy rule: OPTIN permits, OPTOUT denies whoever asks. */
  record Fhir(String patient, String id, long time, long dateTime, boolean optIn, String status)
      implements Input {}

  record Request(
      String patient,
      String id,
      long time,
      String org,
      String role,
      String purpose,
      String category)
      implements Input {}

  @Test
  void decisionsEqualTheOracle() {
    Random random = new Random(11);
    List<Input> inputs = new ArrayList<>();
    int counter = 0;
    for (int p = 0; p < 200; p++) {
      String patient = "patient-" + p;
      List<Input> own = new ArrayList<>();
      int consents = random.nextInt(4);
      for (int c = 0; c < consents; c++) {
        String id = patient + "-c" + c;
        long time = T0 + random.nextInt(100) * 60 * SECOND;
        long attested = T0 + (++counter) * SECOND;
        if (random.nextInt(4) == 0) {
          own.add(new Fhir(patient, id, time, attested, random.nextBoolean(), "active"));
          if (random.nextInt(3) == 0) {
            own.add(
                new Fhir(
                    patient,
                    id,
                    time + random.nextInt(60) * 60 * SECOND,
                    attested,
                    true,
                    "inactive"));
          }
          continue;
        }
        Long from = random.nextBoolean() ? null : T0 + random.nextInt(120) * 60 * SECOND;
        Long until = random.nextBoolean() ? null : T0 + (60 + random.nextInt(120)) * 60 * SECOND;
        own.add(
            new Grant(
                patient,
                id,
                time,
                attested,
                from,
                until,
                grantees(random),
                some(random, PURPOSES.subList(0, 4)),
                some(random, CATEGORIES)));
        if (random.nextInt(3) == 0) {
          // Sometimes before the grant in time: kept, and the grant then stays revoked.
          own.add(new Revoke(patient, id, T0 + random.nextInt(160) * 60 * SECOND));
        }
      }
      for (int r = 0; r < 6; r++) {
        own.add(
            new Request(
                patient,
                patient + "-r" + r,
                T0 + random.nextInt(200) * 60 * SECOND,
                pick(random, ORGS),
                pick(random, ROLES),
                pick(random, PURPOSES),
                pick(random, CATEGORIES)));
      }
      // Arrival order is not time order: consents and requests of a patient are shuffled.
      Collections.shuffle(own, random);
      inputs.addAll(own);
    }

    Map<String, String> expected = new HashMap<>();
    Oracle oracle = new Oracle(false);
    // The same stream read with an empty list as anyone (the FHIR reading): where it decides
    // otherwise, a grant with an empty list would have spoken, so the stream exercises the rule.
    Oracle emptyIsAnyone = new Oracle(true);
    int emptyListDecides = 0;
    for (Input input : inputs) {
      if (input instanceof Request request) {
        String decision = oracle.decide(request);
        expected.put(request.id(), decision);
        if (!decision.equals(emptyIsAnyone.decide(request))) {
          emptyListDecides++;
        }
      } else {
        oracle.add(input);
        emptyIsAnyone.add(input);
      }
    }
    events = kit.input(ConsentTableTopology.CONSENT_EVENTS);
    fhirConsents = kit.input(ConsentTableTopology.FHIR_CONSENTS);
    requests = kit.textInput(ConsentTableTopology.ACCESS_REQUESTS);
    inputs.forEach(this::pipe);

    Map<String, String> actual = new HashMap<>();
    for (AccessDecision decision : kit.output(ConsentTableTopology.DECISIONS).readValuesToList()) {
      actual.put(
          decision.getRequestId(), decision.getReason() + " " + decision.getDecidingConsentId());
    }
    assertEquals(1200, expected.size());
    Map<String, String> differences = new java.util.TreeMap<>();
    expected.forEach(
        (id, decision) -> {
          if (!decision.equals(actual.get(id))) {
            differences.put(id, "expected " + decision + ", was " + actual.get(id));
          }
        });
    assertEquals(
        Map.of(),
        differences,
        () ->
            inputs.stream()
                .filter(
                    i ->
                        differences.keySet().stream()
                            .anyMatch(k -> k.startsWith(i.patient() + "-")))
                .map(
                    i ->
                        i instanceof Grant g
                            ? g + " to=" + g.to().stream().map(java.util.Arrays::toString).toList()
                            : i.toString())
                .toList()
                .toString());
    long permits = expected.values().stream().filter(v -> v.startsWith("CONSENT_PERMIT")).count();
    long denies = expected.values().stream().filter(v -> v.startsWith("CONSENT_DENY")).count();
    // The stream exercises every outcome, not just the default.
    assertEquals(true, permits > 30 && denies > 10, "permits " + permits + ", denies " + denies);
    assertEquals(
        true, emptyListDecides > 20, emptyListDecides + " decisions where an empty list matters");
  }

  private TestInputTopic<String, PatientConsentEvent> events;
  private TestInputTopic<String, byte[]> fhirConsents;
  private TestInputTopic<String, String> requests;

  private void pipe(Input input) {
    Instant time = Instant.ofEpochMilli(input.time());
    if (input instanceof Grant g) {
      List<ConsentGrantee> to = new ArrayList<>();
      g.to().forEach(t -> to.add(new ConsentGrantee(t[0], t[1])));
      events.pipeInput(
          g.patient(),
          ConsentEvents.event(
              g.id(),
              g.patient(),
              "granted",
              to,
              g.purposes(),
              g.categories(),
              g.from(),
              g.until(),
              g.attestedAt()),
          time);
    } else if (input instanceof Revoke r) {
      events.pipeInput(r.patient(), ConsentEvents.revoke(r.id(), r.patient()), time);
    } else if (input instanceof Fhir f) {
      fhirConsents.pipeInput(f.id(), fhir(f).getBytes(StandardCharsets.UTF_8), time);
    } else if (input instanceof Request q) {
      requests.pipeInput(
          q.patient(),
          """
              {"requestId": "%s", "patientId": "%s", "requester": {"organization": "%s", "user": "u", "roles": ["%s"]},
               "purpose": "%s", "category": "%s", "requestedAt": %d}"""
              .formatted(
                  q.id(), q.patient(), q.org(), q.role(), q.purpose(), q.category(), q.time()),
          time);
    }
  }

  private static String fhir(Fhir f) {
    return """
        {"resourceType": "Consent", "id": "%s", "status": "%s", "patient": {"reference": "Patient/%s"},
         "dateTime": "%s", "policyRule": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "%s"}]}}"""
        .formatted(
            f.id(),
            f.status(),
            f.patient(),
            Instant.ofEpochMilli(f.dateTime()),
            f.optIn() ? "OPTIN" : "OPTOUT");
  }

  private static List<String[]> grantees(Random random) {
    List<String[]> to = new ArrayList<>();
    int n = random.nextInt(3);
    for (int i = 0; i < n; i++) {
      boolean role = random.nextInt(3) == 0;
      to.add(
          role
              ? new String[] {"role", pick(random, ROLES)}
              : new String[] {"organization", pick(random, ORGS)});
    }
    return to;
  }

  private static List<String> some(Random random, List<String> from) {
    List<String> picked = new ArrayList<>();
    for (String value : from) {
      if (random.nextInt(3) == 0) {
        picked.add(value);
      }
    }
    return picked;
  }

  private static String pick(Random random, List<String> from) {
    return from.get(random.nextInt(from.size()));
  }

  /**
   * The rules, over the raw events: a grant is in force at t when it arrived at or before t, no
   * revoke of its id arrived at or before t, and t is within [from, until); it speaks when one of
   * its grantees, one of its purposes and one of its categories match, so a grant with any of the
   * three lists empty never speaks (it permits grantees × purposes × categories, an empty set). A
   * FHIR Consent speaks when its last version at or before t is active. The most recent speaker
   * (attestedAt / dateTime) decides; nobody speaking is a deny; BTG permits.
   */
  static final class Oracle {
    private final Map<String, List<Input>> byPatient = new HashMap<>();
    private final boolean emptyIsAnyone;

    /**
     * @param emptyIsAnyone read an empty list as any grantee, purpose or category instead (the rule
     *     before grants failed closed), only to tell which decisions an empty list changes
     */
    Oracle(boolean emptyIsAnyone) {
      this.emptyIsAnyone = emptyIsAnyone;
    }

    void add(Input input) {
      byPatient.computeIfAbsent(input.patient(), p -> new ArrayList<>()).add(input);
    }

    String decide(Request q) {
      List<Input> all = byPatient.getOrDefault(q.patient(), List.of());
      if (q.purpose().equals("BTG")) {
        return "BREAK_GLASS null";
      }
      String deciding = null;
      long latest = Long.MIN_VALUE;
      boolean permit = false;
      for (Input input : all) {
        if (input instanceof Grant g
            && inForce(g, all, q.time())
            && matches(g, q)
            && g.attestedAt() > latest) {
          latest = g.attestedAt();
          deciding = g.id();
          permit = true;
        }
        if (input instanceof Fhir f
            && f.time() <= q.time()
            && isLastVersion(f, all, q.time())
            && f.status().equals("active")
            && f.dateTime() > latest) {
          latest = f.dateTime();
          deciding = f.id();
          permit = f.optIn();
        }
      }
      if (deciding == null) {
        return "NO_CONSENT_DEFAULT_DENY null";
      }
      return (permit ? "CONSENT_PERMIT " : "CONSENT_DENY ") + deciding;
    }

    private static boolean inForce(Grant g, List<Input> all, long t) {
      if (g.time() > t) {
        return false;
      }
      for (Input input : all) {
        if (input instanceof Revoke r && r.id().equals(g.id()) && r.time() <= t) {
          return false;
        }
      }
      return (g.from() == null || t >= g.from()) && (g.until() == null || t < g.until());
    }

    private boolean matches(Grant g, Request q) {
      boolean actor =
          g.to().stream()
              .anyMatch(
                  t -> t[0].equals("organization") ? t[1].equals(q.org()) : t[1].equals(q.role()));
      return (actor || (emptyIsAnyone && g.to().isEmpty()))
          && (g.purposes().contains(q.purpose()) || (emptyIsAnyone && g.purposes().isEmpty()))
          && (g.categories().contains(q.category()) || (emptyIsAnyone && g.categories().isEmpty()));
    }

    /** The latest version of the same FHIR Consent at or before t (equal times: the later one). */
    private static boolean isLastVersion(Fhir f, List<Input> all, long t) {
      Fhir last = null;
      for (Input input : all) {
        if (input instanceof Fhir other
            && other.id().equals(f.id())
            && other.time() <= t
            && (last == null || other.time() >= last.time())) {
          last = other;
        }
      }
      return last == f;
    }
  }
}
