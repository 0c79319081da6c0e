package dev.healthstreams.fhir;

import ca.uhn.fhir.context.FhirContext;

/**
 * The JVM's one R4 {@link FhirContext}. Building one scans every model class (seconds, tens of
 * megabytes), so it is created once, on first use, and shared; it is thread-safe. Parsers made from
 * it are not, so callers create one per use or per thread.
 */
public final class FhirContexts {

  private FhirContexts() {}

  public static FhirContext r4() {
    return R4Holder.CONTEXT;
  }

  // Initialization-on-demand holder: the JVM guarantees one lazy, thread-safe initialisation.
  private static final class R4Holder {
    private static final FhirContext CONTEXT = FhirContext.forR4();
  }
}
