package dev.healthstreams.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * Scales samples of a few patients into many distinct patients: copy {@code c} of every resource
 * has {@code -c<c>} appended to its own id and to every reference to a resource of any sample (its
 * subject, its Medication), so copies are separate patients with their own requests and
 * medications, and references stay consistent within a copy. The ids renamed are those of every
 * sample given, whichever one is generated. A copy is also a different person to patient matching
 * ({@link PersonVariation}: birth date, phone, identifiers), varied alike in every sample.
 * Everything else in the JSON is kept byte for byte. Records are generated lazily.
 *
 * <p>A table is generated copy by copy, in file order. A stream is interleaved: record {@code k} is
 * copy {@code from + k % copies} of the {@code k / copies}-th sample record, where the sample
 * records are taken round-robin across the sample patients; so even a capped stream touches every
 * copy and every sample patient.
 */
public final class InputScaler {
  private final Map<String, List<CopyTemplate>> inFileOrder = new LinkedHashMap<>();
  private final Map<String, List<CopyTemplate>> byPatientInTurn = new LinkedHashMap<>();
  private final int samplePatients;
  private final Set<String> renamed = new HashSet<>();

  public InputScaler(SampleData sample) {
    for (var entry : sample.byResource().entrySet()) {
      for (byte[] line : entry.getValue()) {
        String id = CopyTemplate.of(line, Set.of(), sample.keyPath(entry.getKey())).id();
        if (id != null) {
          renamed.add(id);
        }
      }
    }
    Set<String> patients = new HashSet<>();
    sample
        .byResource()
        .forEach(
            (resource, lines) -> {
              List<CopyTemplate> templates = templates(lines, renamed, sample.keyPath(resource));
              inFileOrder.put(resource, templates);
              byPatientInTurn.put(resource, roundRobinByPatient(templates));
              templates.stream()
                  .map(CopyTemplate::patientId)
                  .filter(Objects::nonNull)
                  .forEach(patients::add);
            });
    this.samplePatients = patients.size();
  }

  public static String suffix(int copy) {
    return "-c" + copy;
  }

  /** The sample ids a copy renames: every resource's own id (or declared key). */
  public Set<String> renamedIds() {
    return Collections.unmodifiableSet(renamed);
  }

  /** Distinct patients the samples reference. */
  public int samplePatients() {
    return samplePatients;
  }

  /** Records in one copy of a sample. */
  public int sampleSize(String sample) {
    return templates(inFileOrder, sample).size();
  }

  /** Every record of a sample in copies {@code [from, to)}, copy by copy. */
  public Iterator<ScaledRecord> table(String sample, int from, int to) {
    List<CopyTemplate> templates = templates(inFileOrder, sample);
    long total = (long) (to - from) * templates.size();
    return new Generator(
        total,
        k ->
            render(
                templates.get((int) (k % templates.size())), from + (int) (k / templates.size())));
  }

  /** Records of a sample in copies {@code [from, to)}, interleaved, at most {@code cap}. */
  public Iterator<ScaledRecord> stream(String sample, int from, int to, long cap) {
    List<CopyTemplate> templates = templates(byPatientInTurn, sample);
    int copies = to - from;
    return new Generator(
        streamCount(sample, from, to, cap),
        k -> render(templates.get((int) (k / copies)), from + (int) (k % copies)));
  }

  /** How many records {@link #stream} yields. */
  public long streamCount(String sample, int from, int to, long cap) {
    return Math.min(cap, (long) (to - from) * sampleSize(sample));
  }

  /** How many records {@link #table} yields. */
  public long tableCount(String sample, int from, int to) {
    return (long) (to - from) * sampleSize(sample);
  }

  private static List<CopyTemplate> templates(Map<String, List<CopyTemplate>> map, String sample) {
    List<CopyTemplate> templates = map.get(sample);
    if (templates == null) {
      throw new IllegalArgumentException("no sample " + sample + "; have " + map.keySet());
    }
    return templates;
  }

  private static List<CopyTemplate> templates(
      List<byte[]> lines, Set<String> renamed, String keyPath) {
    List<CopyTemplate> out = new ArrayList<>(lines.size());
    for (byte[] line : lines) {
      out.add(CopyTemplate.of(line, renamed, keyPath));
    }
    return out;
  }

  /** File order within each patient, patients taken in turn. */
  private static List<CopyTemplate> roundRobinByPatient(List<CopyTemplate> templates) {
    Map<String, List<CopyTemplate>> byPatient = new LinkedHashMap<>();
    for (CopyTemplate t : templates) {
      byPatient.computeIfAbsent(String.valueOf(t.patientId()), k -> new ArrayList<>()).add(t);
    }
    List<CopyTemplate> out = new ArrayList<>(templates.size());
    for (int i = 0; out.size() < templates.size(); i++) {
      for (List<CopyTemplate> ofPatient : byPatient.values()) {
        if (i < ofPatient.size()) {
          out.add(ofPatient.get(i));
        }
      }
    }
    return out;
  }

  private static ScaledRecord render(CopyTemplate template, int copy) {
    String suffix = suffix(copy);
    return new ScaledRecord(template.id() + suffix, template.render(copy, suffix));
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
