package dev.healthstreams.config;

import java.util.List;
import java.util.Set;

/**
 * What the loader must know of a topology to validate its block: its topic roles (and which of them
 * take a list of topics) and its settings reader. A topology definition is one; the loader keeps it
 * with the block it read, so the settings stay paired with what reads them.
 */
public interface TopologySchema<S> {
  String name();

  List<String> topicRoles();

  /** Roles whose value is a list of topics; the others take one. */
  default Set<String> multiTopicRoles() {
    return Set.of();
  }

  SettingsReader<S> settingsReader();

  /** A schema that is nothing more, for tests of the loader. */
  static <S> TopologySchema<S> of(String name, List<String> roles, SettingsReader<S> reader) {
    List<String> copy = List.copyOf(roles);
    return new TopologySchema<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<String> topicRoles() {
        return copy;
      }

      @Override
      public SettingsReader<S> settingsReader() {
        return reader;
      }
    };
  }
}
