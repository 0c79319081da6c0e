package dev.healthstreams.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Scales the 12-patient sample into many distinct patients: copy {@code c} of every resource has
 * {@code -c<c>} appended to its own id, to its subject reference and to its Medication reference,
 * so copies are separate patients with their own requests and medications, and references stay
 * consistent within a copy. Everything else in the JSON is kept byte for byte. Records are
 * generated lazily.
 *
 * <p>Streams (observations, requests) are interleaved: record {@code k} is copy {@code from + k %
 * copies} of the {@code k / copies}-th sample record, where the sample records are taken
 * round-robin across the sample patients; so even a capped stream touches every copy and every
 * sample patient.
 */
public final class InputScaler {
  private final List<IdTemplate> patients;
  private final List<IdTemplate> observations;
  private final List<IdTemplate> requests;
  private final List<IdTemplate> medications;

  public InputScaler(SampleData sample) {
    Set<String> renamed = new HashSet<>();
    List<List<byte[]>> all =
        List.of(
            sample.patients(),
            sample.observations(),
            sample.medicationRequests(),
            sample.medications());
    for (List<byte[]> lines : all) {
      for (byte[] line : lines) {
        String id = IdTemplate.of(line, Set.of()).id();
        if (id != null) {
          renamed.add(id);
        }
      }
    }
    this.patients = templates(sample.patients(), renamed);
    this.observations = roundRobinByPatient(templates(sample.observations(), renamed));
    this.requests = roundRobinByPatient(templates(sample.medicationRequests(), renamed));
    this.medications = templates(sample.medications(), renamed);
  }

  public static String suffix(int copy) {
    return "-c" + copy;
  }

  public int samplePatients() {
    return patients.size();
  }

  public int sampleObservations() {
    return observations.size();
  }

  public int sampleRequests() {
    return requests.size();
  }

  /** Every Patient of copies {@code [from, to)}, copy by copy. */
  public Iterator<ScaledRecord> patients(int from, int to) {
    return copyByCopy(patients, from, to);
  }

  /** Every Medication of copies {@code [from, to)}, copy by copy. */
  public Iterator<ScaledRecord> medications(int from, int to) {
    return copyByCopy(medications, from, to);
  }

  /** Observations of copies {@code [from, to)}, interleaved, at most {@code cap}. */
  public Iterator<ScaledRecord> observations(int from, int to, long cap) {
    return interleaved(observations, from, to, cap);
  }

  /** MedicationRequests of copies {@code [from, to)}, interleaved, at most {@code cap}. */
  public Iterator<ScaledRecord> medicationRequests(int from, int to, long cap) {
    return interleaved(requests, from, to, cap);
  }

  /** How many records {@link #observations} yields. */
  public long observationCount(int from, int to, long cap) {
    return Math.min(cap, (long) (to - from) * observations.size());
  }

  public long requestCount(int from, int to, long cap) {
    return Math.min(cap, (long) (to - from) * requests.size());
  }

  private static List<IdTemplate> templates(List<byte[]> lines, Set<String> renamed) {
    List<IdTemplate> out = new ArrayList<>(lines.size());
    for (byte[] line : lines) {
      out.add(IdTemplate.of(line, renamed));
    }
    return out;
  }

  /** File order within each patient, patients taken in turn. */
  private static List<IdTemplate> roundRobinByPatient(List<IdTemplate> templates) {
    Map<String, List<IdTemplate>> byPatient = new LinkedHashMap<>();
    for (IdTemplate t : templates) {
      byPatient.computeIfAbsent(String.valueOf(t.patientId()), k -> new ArrayList<>()).add(t);
    }
    List<IdTemplate> out = new ArrayList<>(templates.size());
    for (int i = 0; out.size() < templates.size(); i++) {
      for (List<IdTemplate> ofPatient : byPatient.values()) {
        if (i < ofPatient.size()) {
          out.add(ofPatient.get(i));
        }
      }
    }
    return out;
  }

  private static ScaledRecord render(IdTemplate template, int copy) {
    String suffix = suffix(copy);
    return new ScaledRecord(template.id() + suffix, template.render(suffix));
  }

  private static Iterator<ScaledRecord> copyByCopy(List<IdTemplate> templates, int from, int to) {
    long total = (long) (to - from) * templates.size();
    return new Generator(
        total,
        k ->
            render(
                templates.get((int) (k % templates.size())), from + (int) (k / templates.size())));
  }

  private static Iterator<ScaledRecord> interleaved(
      List<IdTemplate> templates, int from, int to, long cap) {
    int copies = to - from;
    long total = Math.min(cap, (long) copies * templates.size());
    return new Generator(
        total, k -> render(templates.get((int) (k / copies)), from + (int) (k % copies)));
  }

  private interface Nth {
    ScaledRecord at(long k);
  }

  private static final class Generator implements Iterator<ScaledRecord> {
    private final long total;
    private final Nth nth;
    private long next;

    Generator(long total, Nth nth) {
      this.total = total;
      this.nth = nth;
    }

    @Override
    public boolean hasNext() {
      return next < total;
    }

    @Override
    public ScaledRecord next() {
      if (next >= total) {
        throw new NoSuchElementException();
      }
      return nth.at(next++);
    }
  }
}
