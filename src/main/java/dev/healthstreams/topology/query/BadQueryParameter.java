package dev.healthstreams.topology.query;

/** A query parameter that is malformed or out of range: answered {@code 400} naming it. */
public final class BadQueryParameter extends RuntimeException {
  private final String parameter;

  public BadQueryParameter(String parameter, String problem) {
    super(parameter + ": " + problem);
    this.parameter = parameter;
  }

  public String parameter() {
    return parameter;
  }
}
