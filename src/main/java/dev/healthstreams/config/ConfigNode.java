package dev.healthstreams.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A YAML mapping with its path ("topologies.observation-alerting.rules[2]") and line. Accessors
 * never throw on bad input: they record a {@link ConfigError} naming the key's path and line and
 * return a placeholder, so that one pass reports every problem. Keys a reader never asked for are
 * reported as unknown when loading ends.
 *
 * <p>SKELETON: the config helper implements this class; the signatures are the contract.
 */
public final class ConfigNode {

  public String path() {
    throw new UnsupportedOperationException();
  }

  public int line() {
    throw new UnsupportedOperationException();
  }

  public Set<String> keys() {
    throw new UnsupportedOperationException();
  }

  public boolean has(String key) {
    throw new UnsupportedOperationException();
  }

  /** A required scalar; missing or not a scalar is an error (returns "" then). */
  public String requiredString(String key) {
    throw new UnsupportedOperationException();
  }

  public Optional<String> optionalString(String key) {
    throw new UnsupportedOperationException();
  }

  public String string(String key, String defaultValue) {
    throw new UnsupportedOperationException();
  }

  /** A string matching {@code regex}; otherwise an error quoting the value and the pattern. */
  public String requiredString(String key, String regex) {
    throw new UnsupportedOperationException();
  }

  public int integer(String key, int defaultValue, int min, int max) {
    throw new UnsupportedOperationException();
  }

  public double requiredNumber(String key) {
    throw new UnsupportedOperationException();
  }

  public OptionalDouble optionalNumber(String key) {
    throw new UnsupportedOperationException();
  }

  public boolean bool(String key, boolean defaultValue) {
    throw new UnsupportedOperationException();
  }

  /** ISO-8601 duration (PT30M, P7D). */
  public Optional<Duration> optionalDuration(String key) {
    throw new UnsupportedOperationException();
  }

  public Duration duration(String key, Duration defaultValue) {
    throw new UnsupportedOperationException();
  }

  /**
   * An enum constant written in YAML as its lower-case name with '_' as '-' (exactly_once_v2 is
   * EXACTLY_ONCE_V2: both '_' and '-' are accepted); errors list the allowed values.
   */
  public <E extends Enum<E>> E requiredEnum(String key, Class<E> type) {
    throw new UnsupportedOperationException();
  }

  public <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
    throw new UnsupportedOperationException();
  }

  /** A sequence of scalars. */
  public List<String> stringList(String key, List<String> defaultValue) {
    throw new UnsupportedOperationException();
  }

  /** A mapping of scalar to scalar, order kept; absent gives an empty map. */
  public Map<String, String> stringMap(String key) {
    throw new UnsupportedOperationException();
  }

  /** A mapping of key to sequence of scalars (e.g. severity -> topics); order kept. */
  public Map<String, List<String>> stringListMap(String key) {
    throw new UnsupportedOperationException();
  }

  public Optional<ConfigNode> child(String key) {
    throw new UnsupportedOperationException();
  }

  public ConfigNode requiredChild(String key) {
    throw new UnsupportedOperationException();
  }

  /** A sequence of mappings, element paths {@code key[i]}; absent gives an empty list. */
  public List<ConfigNode> list(String key) {
    throw new UnsupportedOperationException();
  }

  /** Records an error at {@code key}'s path and line (the node's own when the key is absent). */
  public void error(String key, String message) {
    throw new UnsupportedOperationException();
  }
}
