package dev.healthstreams.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The chaos run's input, made from a seed so that it can be recomputed, written as {@code tail}
 * lines (topic, key, timestamp, value) that both the live feed and {@code backtest} read the same
 * way. Every Patient carries {@link PhiMarkers} in its name, MRN and birth date, and every
 * Observation value ends in the marker digits, so the log check can be exact.
 */
final class ChaosInput {
  static final String ALERTING = "observation-alerting";
  static final String INTERACTION = "medication-interaction";
  static final String PRIOR_AUTH = "prior-auth-projection";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LOINC = "http://loinc.org";
  private static final String UCUM = "http://unitsofmeasure.org";
  private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

  /** LOINC code, UCUM unit, lowest and highest value: vital signs around the alerting rules. */
  private static final String[][] VITALS = {
    {"8867-4", "/min", "30", "170"},
    {"8480-6", "mm[Hg]", "85", "200"},
    {"59408-5", "%", "80", "100"},
    {"8310-5", "Cel", "34", "41"},
    {"9279-1", "/min", "5", "30"}
  };

  /**
   * RxNorm clinical drugs of the curated knowledge (warfarin, aspirin, ibuprofen, naproxen,
   * clopidogrel, fluoxetine, sertraline, diazepam, oxycodone) and one that interacts with none.
   */
  private static final String[] DRUGS = {
    "855332", "243670", "310965", "849574", "309362", "310385", "312938", "197591", "1049221",
    "997488"
  };

  /** One PA lifecycle per line; "!" marks an illegal step the projection reports. */
  private static final String[][] PA_PATHS = {
    {"INITIATED", "SUBMITTED", "APPROVED"},
    {"SUBMITTED", "PENDED", "DENIED"},
    {"INITIATED", "DOCUMENTATION_REQUESTED", "DOCUMENTATION_ASSEMBLED", "SUBMITTED", "APPROVED"},
    {"SUBMITTED", "ADDITIONAL_INFO_REQUIRED", "SUBMITTED", "PARTIALLY_APPROVED"},
    {"INITIATED", "APPROVED"},
    {"SUBMITTED", "CANCELLED"}
  };

  /**
   * The fewest records an input of {@code size} holds, whatever the seed: every PA on the shortest
   * lifecycle.
   */
  static long fewestRecords(ChaosSize size) {
    int shortestPath = Integer.MAX_VALUE;
    for (String[] path : PA_PATHS) {
      shortestPath = Math.min(shortestPath, path.length);
    }
    return (long) size.patients()
        + DRUGS.length
        + size.observations()
        + size.medicationRequests()
        + (long) size.priorAuths() * shortestPath;
  }

  /** One input file of a topology's role, fed to a topic in this order. */
  record Piece(String topology, String role, String topic, Path file) {}

  final long seed;
  final ChaosSize size;
  private final Path dir;
  private final long baseTime;
  private final Random random;
  private final List<Piece> tables = new ArrayList<>();
  private final List<List<Piece>> chunks = new ArrayList<>();
  private long records;

  private ChaosInput(long seed, ChaosSize size, Path dir, long baseTime) {
    this.seed = seed;
    this.size = size;
    this.dir = dir;
    this.baseTime = baseTime;
    this.random = new Random(seed);
  }

  /**
   * Writes the input under {@code dir}. Record times start an hour before {@code now} and grow by a
   * millisecond a record, so the broker takes them (not too far ahead of its clock) and no SLA
   * deadline or retention passes during the run, live or in the backtest.
   */
  static ChaosInput generate(long seed, ChaosSize size, Path dir, Instant now) throws IOException {
    Files.createDirectories(dir);
    ChaosInput input = new ChaosInput(seed, size, dir, now.minusSeconds(3600).toEpochMilli());
    input.write();
    return input;
  }

  /** The table inputs (patients, medications): fed first, whole, before any stream. */
  List<Piece> tables() {
    return List.copyOf(tables);
  }

  /** The stream inputs, chunk by chunk; each chunk holds a piece of every topology's stream. */
  List<List<Piece>> chunks() {
    return List.copyOf(chunks);
  }

  long records() {
    return records;
  }

  /** What {@code backtest} takes for a topology: its files per role, tables first, in order. */
  Map<String, List<Path>> inputsOf(String topology) {
    Map<String, List<Path>> byRole = new LinkedHashMap<>();
    tables.stream()
        .filter(p -> p.topology().equals(topology) || servesBoth(p, topology))
        .forEach(p -> byRole.computeIfAbsent(p.role(), r -> new ArrayList<>()).add(p.file()));
    chunks.stream()
        .flatMap(List::stream)
        .filter(p -> p.topology().equals(topology))
        .forEach(p -> byRole.computeIfAbsent(p.role(), r -> new ArrayList<>()).add(p.file()));
    return byRole;
  }

  /** Patients are one topic both FHIR topologies read; the file is fed once, as alerting's. */
  private static boolean servesBoth(Piece piece, String topology) {
    return piece.role().equals("patients") && topology.equals(INTERACTION);
  }

  private void write() throws IOException {
    long[] time = {baseTime};
    tables.add(writeFile(ALERTING, "patients", "fhir.patient", "patients.ndjson", patients(time)));
    tables.add(
        writeFile(
            INTERACTION,
            "medications",
            "fhir.medication",
            "medications.ndjson",
            medications(time)));
    List<String> observations = observations(time);
    List<String> requests = medicationRequests(time);
    List<String> statusEvents = priorAuthEvents(time);
    for (int c = 0; c < size.chunks(); c++) {
      String n = String.format("%04d", c);
      chunks.add(
          List.of(
              writeFile(
                  ALERTING,
                  "observations",
                  "fhir.observation",
                  "observations-" + n + ".ndjson",
                  slice(observations, c)),
              writeFile(
                  INTERACTION,
                  "medication-requests",
                  "fhir.medicationrequest",
                  "medication-requests-" + n + ".ndjson",
                  slice(requests, c)),
              writeFile(
                  PRIOR_AUTH,
                  "status-events",
                  "workflow.priorauth.status",
                  "status-events-" + n + ".ndjson",
                  slice(statusEvents, c))));
    }
  }

  private List<String> slice(List<String> lines, int chunk) {
    int from = (int) ((long) lines.size() * chunk / size.chunks());
    int to = (int) ((long) lines.size() * (chunk + 1) / size.chunks());
    return lines.subList(from, to);
  }

  private List<String> patients(long[] time) {
    List<String> lines = new ArrayList<>();
    for (int p = 0; p < size.patients(); p++) {
      ObjectNode patient = JSON.createObjectNode().put("resourceType", "Patient");
      patient.put("id", patientId(p));
      ObjectNode mrn = patient.putArray("identifier").addObject();
      mrn.putObject("type")
          .putArray("coding")
          .addObject()
          .put("system", "http://terminology.hl7.org/CodeSystem/v2-0203")
          .put("code", "MR");
      mrn.put("system", "urn:oid:2.16.840.1.113883.19.5").put("value", PhiMarkers.mrn(p));
      ObjectNode name = patient.putArray("name").addObject().put("use", "official");
      name.put("family", PhiMarkers.family(p)).putArray("given").add(PhiMarkers.given(p));
      patient.put("gender", p % 2 == 0 ? "female" : "male");
      patient.put("birthDate", PhiMarkers.birthDate(p));
      lines.add(line("fhir.patient", patientId(p), time[0]++, patient));
    }
    return lines;
  }

  /** Medication resources for the drugs, which a tenth of the requests reference. */
  private List<String> medications(long[] time) {
    List<String> lines = new ArrayList<>();
    for (String drug : DRUGS) {
      ObjectNode medication = JSON.createObjectNode().put("resourceType", "Medication");
      medication.put("id", "chaos-med-" + drug).put("status", "active");
      medication
          .putObject("code")
          .putArray("coding")
          .addObject()
          .put("system", RXNORM)
          .put("code", drug);
      lines.add(line("fhir.medication", "chaos-med-" + drug, time[0]++, medication));
    }
    return lines;
  }

  private List<String> observations(long[] time) {
    List<String> lines = new ArrayList<>();
    for (int o = 0; o < size.observations(); o++) {
      String[] vital = VITALS[random.nextInt(VITALS.length)];
      int low = Integer.parseInt(vital[2]);
      int high = Integer.parseInt(vital[3]);
      double value = PhiMarkers.observationValue(low + random.nextInt(high - low + 1));
      String id = "chaos-obs-" + o;
      ObjectNode observation = JSON.createObjectNode().put("resourceType", "Observation");
      observation.put("id", id).put("status", "final");
      observation
          .putObject("code")
          .putArray("coding")
          .addObject()
          .put("system", LOINC)
          .put("code", vital[0]);
      observation
          .putObject("subject")
          .put("reference", "Patient/" + patientId(random.nextInt(size.patients())));
      long at = time[0]++;
      observation.put("effectiveDateTime", Instant.ofEpochMilli(at).toString());
      observation
          .putObject("valueQuantity")
          .put("value", value)
          .put("unit", vital[1])
          .put("system", UCUM)
          .put("code", vital[1]);
      lines.add(line("fhir.observation", id, at, observation));
    }
    return lines;
  }

  private List<String> medicationRequests(long[] time) {
    List<String> lines = new ArrayList<>();
    for (int r = 0; r < size.medicationRequests(); r++) {
      String id = "chaos-rx-" + r;
      String drug = DRUGS[random.nextInt(DRUGS.length)];
      ObjectNode request = JSON.createObjectNode().put("resourceType", "MedicationRequest");
      request.put("id", id).put("status", "active").put("intent", "order");
      if (random.nextInt(10) == 0) {
        request.putObject("medicationReference").put("reference", "Medication/chaos-med-" + drug);
      } else {
        request
            .putObject("medicationCodeableConcept")
            .putArray("coding")
            .addObject()
            .put("system", RXNORM)
            .put("code", drug);
      }
      request
          .putObject("subject")
          .put("reference", "Patient/" + patientId(random.nextInt(size.patients())));
      lines.add(line("fhir.medicationrequest", id, time[0]++, request));
    }
    return lines;
  }

  /**
   * Each PA's events a minute apart, PAs interleaved, written in time order: one PA's events stay
   * in order on its partition (keyed by PA id), as the workflow sends them.
   */
  private List<String> priorAuthEvents(long[] time) {
    record Event(long at, String line) {}
    List<Event> events = new ArrayList<>();
    long start = time[0];
    for (int a = 0; a < size.priorAuths(); a++) {
      String[] path = PA_PATHS[random.nextInt(PA_PATHS.length)];
      String id = "chaos-pa-" + a;
      boolean urgent = random.nextInt(4) == 0;
      String payer = "payer-" + random.nextInt(5);
      String patient = patientId(random.nextInt(size.patients()));
      long first = start + a;
      for (int e = 0; e < path.length; e++) {
        long at = first + e * 60_000L;
        events.add(
            new Event(
                at,
                line(
                    "workflow.priorauth.status",
                    id,
                    at,
                    priorAuthEvent(id, e, path, at, urgent, payer, patient))));
      }
    }
    events.sort(java.util.Comparator.comparingLong(Event::at));
    time[0] = start + size.priorAuths();
    return events.stream().map(Event::line).toList();
  }

  private ObjectNode priorAuthEvent(
      String id, int step, String[] path, long at, boolean urgent, String payer, String patient) {
    ObjectNode event = JSON.createObjectNode();
    ObjectNode metadata = event.putObject("metadata");
    metadata.put("eventId", id + "-e" + (step + 1));
    metadata.put("eventType", "priorauth.status." + path[step].toLowerCase());
    metadata.put("eventSource", "chaos-pa-workflow");
    metadata.put("correlationId", "corr-" + id);
    metadata.put("timestamp", at);
    metadata.put("version", "1.0.0");
    metadata.putObject("security").put("principal", "svc-chaos").put("tenant", "chaos");
    ObjectNode payload = event.putObject("payload");
    payload.put("priorAuthId", id).put("status", path[step]);
    payload.putNull("previousStatus").putNull("statusReason");
    payload.put("statusTimestamp", at).put("payerId", payer);
    payload.put("prescriptionId", "rx-" + id).put("patientId", patient);
    payload.put("providerId", "prov-" + (id.hashCode() & 63));
    payload
        .putObject("drugInfo")
        .put("system", RXNORM)
        .put("code", "1049221")
        .put("display", "oxycodone 5 MG Oral Tablet");
    payload.put("formId", "pa-form-1").put("urgent", urgent);
    payload.put("notes", PhiMarkers.note(id));
    payload.putObject("externalReferences").put("x12-278", "TRN-" + id);
    payload.putNull("extension");
    return event;
  }

  static String patientId(int p) {
    return "chaos-patient-" + p;
  }

  private static String line(String topic, String key, long timestamp, ObjectNode value) {
    ObjectNode line = JSON.createObjectNode().put("topic", topic).put("key", key);
    line.put("timestamp", timestamp);
    line.putObject("headers");
    line.set("value", value);
    return line.toString();
  }

  private Piece writeFile(
      String topology, String role, String topic, String name, List<String> lines)
      throws IOException {
    Path file = dir.resolve(name);
    try (BufferedWriter writer = Files.newBufferedWriter(file)) {
      for (String line : lines) {
        writer.write(line);
        writer.newLine();
      }
    }
    records += lines.size();
    return new Piece(topology, role, topic, file);
  }
}
