package dev.healthstreams.fhir;

/**
 * The coding that names a drug: the RxNorm coding of a medication when it has one, else its first
 * coding. Shared by MedicationRequests (codeable concept or contained Medication) and Medication
 * resources, so that both resolve to the same value.
 *
 * @param system the coding system, null when the coding has none
 * @param code never null
 * @param display null when absent
 */
public record DrugCode(String system, String code, String display) {

  public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

  public DrugCode {
    if (code == null) {
      throw new IllegalArgumentException("a drug code needs a code");
    }
  }

  public boolean isRxNorm() {
    return RXNORM.equals(system);
  }

  /**
   * The key interaction matching uses: the RxNorm code itself, or "system|code" for another system,
   * so that a code of another system can never be mistaken for an RxNorm code.
   */
  public String matchKey() {
    return isRxNorm() ? code : system + "|" + code;
  }
}
