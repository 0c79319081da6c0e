package dev.healthstreams.topology.canonical;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The nickname list the NICKNAME matcher uses ({@code /sync/nicknames.csv}): each line a group of
 * names that stand for one another ("robert,bob,rob,bobby"). Two names match when equal or when
 * some group holds both.
 */
public final class Nicknames {
  public static final String RESOURCE = "/sync/nicknames.csv";

  private final Map<String, Set<Integer>> groups = new HashMap<>();

  private Nicknames() {}

  public static Nicknames bundled() {
    return Holder.BUNDLED;
  }

  public boolean same(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    Set<Integer> ofA = groups.get(a);
    Set<Integer> ofB = groups.get(b);
    if (ofA == null || ofB == null) {
      return false;
    }
    for (Integer group : ofA) {
      if (ofB.contains(group)) {
        return true;
      }
    }
    return false;
  }

  static Nicknames read(InputStream in) throws IOException {
    Nicknames nicknames = new Nicknames();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    int group = 0;
    while ((line = reader.readLine()) != null) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      for (String name : line.split(",")) {
        nicknames
            .groups
            .computeIfAbsent(name.trim().toLowerCase(Locale.ROOT), n -> new HashSet<>())
            .add(group);
      }
      group++;
    }
    return nicknames;
  }

  private static final class Holder {
    private static final Nicknames BUNDLED = load();

    private static Nicknames load() {
      try (InputStream in = Nicknames.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is missing from the classpath");
        }
        return read(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
