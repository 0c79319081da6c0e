package dev.healthstreams.topology.consent;

import dev.healthstreams.errors.BadRecordException;
import dev.healthstreams.fhir.FhirResources;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.hl7.fhir.r4.model.Consent.provisionActorComponent;

/**
 * A FHIR R4 Consent (bare or enveloped, read with HAPI) as the consent model. Bad records: no
 * patient, an unknown status, a period or dateTime that does not parse.
 */
public final class FhirConsentMapper {

  private FhirConsentMapper() {}

  /**
   * @param fallbackTime the record's time, standing in for a missing {@code dateTime}
   */
  public static Consent map(byte[] json, long fallbackTime) {
    org.hl7.fhir.r4.model.Consent resource =
        FhirResources.parse(json, org.hl7.fhir.r4.model.Consent.class);
    String id = resource.getIdElement().getIdPart();
    if (id == null || id.isBlank()) {
      throw new BadRecordException("no-consent-id", "Consent has no id");
    }
    String patient = patientId(resource, id);
    dev.healthstreams.topology.consent.ConsentState state = state(resource, id);
    long dateTime =
        given(resource.getDateTimeElement())
            ? instant(resource.getDateTimeElement(), id)
            : fallbackTime;
    Provision root = resource.hasProvision() ? provision(resource.getProvision(), id) : null;
    Period period = root == null || root.period() == null ? Period.ALWAYS : root.period();
    return new Consent(
        id, patient, SourceFormat.FHIR, state, dateTime, period, policy(resource), root);
  }

  private static String patientId(org.hl7.fhir.r4.model.Consent resource, String id) {
    String reference = resource.getPatient().getReference();
    if (reference == null || !reference.startsWith("Patient/") || reference.length() == 8) {
      throw new BadRecordException("no-patient", "Consent/" + id + " has no Patient reference");
    }
    return reference.substring("Patient/".length());
  }

  private static dev.healthstreams.topology.consent.ConsentState state(
      org.hl7.fhir.r4.model.Consent resource, String id) {
    ConsentState status = resource.getStatus();
    if (status == null || status == ConsentState.NULL) {
      throw new BadRecordException("unknown-status", "Consent/" + id + " has an unknown status");
    }
    return switch (status) {
      case ACTIVE -> dev.healthstreams.topology.consent.ConsentState.ACTIVE;
      default -> dev.healthstreams.topology.consent.ConsentState.INACTIVE;
    };
  }

  /** OPTIN (and OPTINR) permit by default, OPTOUT (and OPTOUTE) deny; anything else is none. */
  private static ProvisionType policy(org.hl7.fhir.r4.model.Consent resource) {
    if (!resource.hasPolicyRule()) {
      return null;
    }
    for (Coding coding : resource.getPolicyRule().getCoding()) {
      String code = coding.getCode();
      if ("OPTIN".equals(code) || "OPTINR".equals(code)) {
        return ProvisionType.PERMIT;
      }
      if ("OPTOUT".equals(code) || "OPTOUTE".equals(code)) {
        return ProvisionType.DENY;
      }
    }
    return null;
  }

  private static Provision provision(ProvisionComponent component, String id) {
    ProvisionType type =
        !component.hasType()
            ? null
            : switch (component.getType()) {
              case PERMIT -> ProvisionType.PERMIT;
              case DENY -> ProvisionType.DENY;
              default -> null;
            };
    List<Actor> actors = new ArrayList<>();
    for (provisionActorComponent actor : component.getActor()) {
      actors.add(Actor.fromReference(actor.getReference().getReference()));
    }
    List<Provision> children = new ArrayList<>();
    for (ProvisionComponent child : component.getProvision()) {
      children.add(provision(child, id));
    }
    return new Provision(
        type,
        component.hasPeriod() ? period(component.getPeriod(), id) : null,
        actors,
        conceptCodes(component.getAction()),
        codes(component.getPurpose()),
        codes(component.getClass_()),
        conceptCodes(component.getCode()),
        component.hasDataPeriod() ? period(component.getDataPeriod(), id) : null,
        children);
  }

  private static Period period(org.hl7.fhir.r4.model.Period period, String id) {
    Long start = given(period.getStartElement()) ? instant(period.getStartElement(), id) : null;
    Long end = given(period.getEndElement()) ? instant(period.getEndElement(), id) : null;
    return start == null && end == null ? null : new Period(start, end);
  }

  /** Present as text, whether or not it parsed: lenient HAPI keeps the text of a bad date. */
  private static boolean given(BaseDateTimeType element) {
    return element != null && element.getValueAsString() != null;
  }

  private static long instant(BaseDateTimeType element, String id) {
    Date value = element.getValue();
    if (value == null) {
      throw new BadRecordException("bad-date", "Consent/" + id + " has an unparsable date");
    }
    return value.getTime();
  }

  private static List<String> codes(List<Coding> codings) {
    return codings.stream().map(Coding::getCode).filter(c -> c != null).toList();
  }

  private static List<String> conceptCodes(List<CodeableConcept> concepts) {
    return concepts.stream()
        .flatMap(c -> c.getCoding().stream())
        .map(Coding::getCode)
        .filter(c -> c != null)
        .toList();
  }
}
