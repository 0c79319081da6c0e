package dev.healthstreams.topology.consent;

/**
 * Who a provision or grant is about. A FHIR actor is known by its reference ({@code
 * Organization/<id>} or {@code Practitioner/<id>}); a consent event's grantee by its type
 * (organization, user or role). Any other reference (a RelatedPerson, a CareTeam) is kept as {@link
 * Kind#OTHER} and matches no requester.
 */
public record Actor(Kind kind, String id) {
  public enum Kind {
    ORGANIZATION,
    USER,
    ROLE,
    OTHER
  }

  /** The actor a FHIR reference names; {@code Practitioner} is the requester's user. */
  public static Actor fromReference(String reference) {
    if (reference == null) {
      return new Actor(Kind.OTHER, "");
    }
    int slash = reference.indexOf('/');
    String type = slash < 0 ? "" : reference.substring(0, slash);
    String id = slash < 0 ? reference : reference.substring(slash + 1);
    return switch (type) {
      case "Organization" -> new Actor(Kind.ORGANIZATION, id);
      case "Practitioner" -> new Actor(Kind.USER, id);
      default -> new Actor(Kind.OTHER, reference);
    };
  }

  boolean matches(Requester requester) {
    return switch (kind) {
      case ORGANIZATION -> id.equals(requester.organization());
      case USER -> id.equals(requester.user());
      case ROLE -> requester.roles().contains(id);
      case OTHER -> false;
    };
  }
}
