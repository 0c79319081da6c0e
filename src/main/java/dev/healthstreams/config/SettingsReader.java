package dev.healthstreams.config;

/** Reads a topology's own settings from its block; records problems on the node, never throws. */
@FunctionalInterface
public interface SettingsReader<S> {
  S read(ConfigNode topologyBlock);
}
