package dev.healthstreams.serde;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Authorization header for the registry, from Confluent's client keys: {@code
 * basic.auth.credentials.source} = USER_INFO (with {@code basic.auth.user.info} "user:pass") or
 * SASL_INHERIT (the PLAIN/SCRAM username and password of {@code sasl.jaas.config}). The {@code
 * schema.registry.}-prefixed forms win over the bare ones. Credentials never appear in messages.
 */
final class RegistryBasicAuth {
  private static final String PREFIX = "schema.registry.";
  private static final Pattern JAAS_USERNAME = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");
  private static final Pattern JAAS_PASSWORD = Pattern.compile("password\\s*=\\s*\"([^\"]*)\"");

  private RegistryBasicAuth() {}

  /** {@code Basic <base64>} when credentials are configured, else empty. */
  static Optional<String> header(Map<String, String> props) {
    String userInfo = setting(props, "basic.auth.user.info");
    String source = setting(props, "basic.auth.credentials.source");
    String kind = source == null ? (userInfo == null ? "NONE" : "USER_INFO") : source;
    return switch (kind.trim().toUpperCase(Locale.ROOT)) {
      case "NONE", "URL" -> Optional.empty();
      case "USER_INFO" -> Optional.of(basic(requireUserInfo(userInfo)));
      case "SASL_INHERIT" -> Optional.of(basic(fromJaas(props.get("sasl.jaas.config"))));
      default ->
          throw new IllegalArgumentException(
              "basic.auth.credentials.source '" + source + "' is not USER_INFO or SASL_INHERIT");
    };
  }

  static String setting(Map<String, String> props, String key) {
    String prefixed = props.get(PREFIX + key);
    return prefixed != null ? prefixed : props.get(key);
  }

  private static String requireUserInfo(String userInfo) {
    if (userInfo == null || userInfo.indexOf(':') < 0) {
      throw new IllegalArgumentException(
          "basic.auth.user.info must be set as user:password for USER_INFO credentials");
    }
    return userInfo;
  }

  private static String fromJaas(String jaasConfig) {
    if (jaasConfig == null) {
      throw new IllegalArgumentException("SASL_INHERIT needs sasl.jaas.config");
    }
    Matcher user = JAAS_USERNAME.matcher(jaasConfig);
    Matcher password = JAAS_PASSWORD.matcher(jaasConfig);
    if (!user.find() || !password.find()) {
      throw new IllegalArgumentException(
          "SASL_INHERIT needs username and password in sasl.jaas.config (PLAIN or SCRAM)");
    }
    return user.group(1) + ":" + password.group(1);
  }

  private static String basic(String userInfo) {
    return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
  }
}
