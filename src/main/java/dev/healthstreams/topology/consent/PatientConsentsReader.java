package dev.healthstreams.topology.consent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.healthstreams.errors.BadRecordException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the consent table's value, as {@link PatientConsentsSerde} writes it, token by token. Every
 * access request and gated record reads its patient's consents, and Jackson's data binding of the
 * nested records cost more than all the deciding and writing after it (the profile of the
 * access-request path). Same rules as that binding: unknown fields are skipped, a missing list is
 * empty, a missing object or time is null (a missing {@code at} or {@code dateTime} is 0).
 */
final class PatientConsentsReader {
  private static final JsonFactory JSON = new JsonFactory();

  private PatientConsentsReader() {}

  static PatientConsents read(byte[] bytes) {
    try (JsonParser parser = JSON.createParser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw bad();
      }
      return patientConsents(parser);
    } catch (IOException | RuntimeException e) {
      // Unknown enum names and broken JSON alike; nothing of the value goes into the message.
      throw bad();
    }
  }

  private static BadRecordException bad() {
    return new BadRecordException("bad-state", "cannot read PatientConsents");
  }

  private static PatientConsents patientConsents(JsonParser parser) throws IOException {
    String patientId = null;
    List<ConsentHistory> consents = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "patientId" -> patientId = text(parser, value);
        case "consents" -> objects(parser, value, consents, PatientConsentsReader::history);
        default -> parser.skipChildren();
      }
    }
    return new PatientConsents(patientId, consents);
  }

  private static ConsentHistory history(JsonParser parser) throws IOException {
    String consentId = null;
    SourceFormat source = null;
    List<ConsentVersion> versions = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "consentId" -> consentId = text(parser, value);
        case "source" -> source = named(SourceFormat.class, text(parser, value));
        case "versions" -> objects(parser, value, versions, PatientConsentsReader::version);
        default -> parser.skipChildren();
      }
    }
    return new ConsentHistory(consentId, source, versions);
  }

  private static ConsentVersion version(JsonParser parser) throws IOException {
    long at = 0;
    ConsentState state = null;
    Consent consent = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "at" -> at = number(parser, value, 0L);
        case "state" -> state = named(ConsentState.class, text(parser, value));
        case "consent" -> consent = value == JsonToken.START_OBJECT ? consent(parser) : null;
        default -> parser.skipChildren();
      }
    }
    return new ConsentVersion(at, state, consent);
  }

  private static Consent consent(JsonParser parser) throws IOException {
    String id = null;
    String patientId = null;
    SourceFormat source = null;
    ConsentState state = null;
    long dateTime = 0;
    Period period = null;
    ProvisionType policy = null;
    Provision root = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "id" -> id = text(parser, value);
        case "patientId" -> patientId = text(parser, value);
        case "source" -> source = named(SourceFormat.class, text(parser, value));
        case "state" -> state = named(ConsentState.class, text(parser, value));
        case "dateTime" -> dateTime = number(parser, value, 0L);
        case "period" -> period = period(parser, value);
        case "policy" -> policy = named(ProvisionType.class, text(parser, value));
        case "root" -> root = value == JsonToken.START_OBJECT ? provision(parser) : null;
        default -> parser.skipChildren();
      }
    }
    return new Consent(id, patientId, source, state, dateTime, period, policy, root);
  }

  private static Provision provision(JsonParser parser) throws IOException {
    ProvisionType type = null;
    Period period = null;
    List<Actor> actors = new ArrayList<>();
    List<String> actions = new ArrayList<>();
    List<String> purposes = new ArrayList<>();
    List<String> classes = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    Period dataPeriod = null;
    List<Provision> provisions = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "type" -> type = named(ProvisionType.class, text(parser, value));
        case "period" -> period = period(parser, value);
        case "actors" -> objects(parser, value, actors, PatientConsentsReader::actor);
        case "actions" -> texts(parser, value, actions);
        case "purposes" -> texts(parser, value, purposes);
        case "classes" -> texts(parser, value, classes);
        case "codes" -> texts(parser, value, codes);
        case "dataPeriod" -> dataPeriod = period(parser, value);
        case "provisions" -> objects(parser, value, provisions, PatientConsentsReader::provision);
        default -> parser.skipChildren();
      }
    }
    return new Provision(
        type, period, actors, actions, purposes, classes, codes, dataPeriod, provisions);
  }

  private static Actor actor(JsonParser parser) throws IOException {
    Actor.Kind kind = null;
    String id = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "kind" -> kind = named(Actor.Kind.class, text(parser, value));
        case "id" -> id = text(parser, value);
        default -> parser.skipChildren();
      }
    }
    return new Actor(kind, id);
  }

  /** A period object, or null; its derived {@code open} field is skipped. */
  private static Period period(JsonParser parser, JsonToken token) throws IOException {
    if (token != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    Long start = null;
    Long end = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "start" -> start = number(parser, value, null);
        case "end" -> end = number(parser, value, null);
        default -> parser.skipChildren();
      }
    }
    return new Period(start, end);
  }

  private interface ObjectReader<T> {
    T read(JsonParser parser) throws IOException;
  }

  /** The objects of an array (the parser is on its start) into {@code into}; null adds nothing. */
  private static <T> void objects(
      JsonParser parser, JsonToken token, List<T> into, ObjectReader<T> reader) throws IOException {
    if (token != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return;
    }
    JsonToken item;
    while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (item != JsonToken.START_OBJECT) {
        throw bad();
      }
      into.add(reader.read(parser));
    }
  }

  private static void texts(JsonParser parser, JsonToken token, List<String> into)
      throws IOException {
    if (token != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return;
    }
    JsonToken item;
    while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
      into.add(text(parser, item));
    }
  }

  private static String text(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.VALUE_STRING) {
      throw bad();
    }
    return parser.getText();
  }

  private static Long number(JsonParser parser, JsonToken token, Long ifNull) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return ifNull;
    }
    if (token != JsonToken.VALUE_NUMBER_INT) {
      throw bad();
    }
    return parser.getLongValue();
  }

  private static <E extends Enum<E>> E named(Class<E> type, String name) {
    return name == null ? null : Enum.valueOf(type, name);
  }
}
