package dev.healthstreams.serde;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The SSLContext for an https registry: {@code schema.registry.ssl.truststore.*} (else the Kafka
 * client's {@code ssl.truststore.*}) for server trust and, likewise, {@code ssl.keystore.*} for
 * mutual TLS. Empty when nothing is configured, which means the JVM's default trust.
 */
final class RegistryTls {
  private static final String REGISTRY_PREFIX = "schema.registry.";

  private RegistryTls() {}

  static Optional<SSLContext> context(Map<String, String> props) {
    Optional<KeyStore> trustStore = load(props, "ssl.truststore");
    Optional<KeyStore> keyStore = load(props, "ssl.keystore");
    if (trustStore.isEmpty() && keyStore.isEmpty()) {
      return Optional.empty();
    }
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore.orElse(null));
      KeyManagerFactory keys = null;
      if (keyStore.isPresent()) {
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        String keyPassword = RegistryBasicAuth.setting(props, "ssl.key.password");
        if (keyPassword == null) {
          keyPassword = RegistryBasicAuth.setting(props, "ssl.keystore.password");
        }
        keys.init(keyStore.get(), chars(keyPassword));
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      return Optional.of(context);
    } catch (GeneralSecurityException e) {
      throw new SchemaRegistryException(
          "cannot set up TLS for the schema registry: " + e.getClass().getSimpleName(), e);
    }
  }

  private static Optional<KeyStore> load(Map<String, String> props, String store) {
    // Take location, password and type from the same family so a registry store is never opened
    // with the broker store's password.
    String prefix =
        props.containsKey(REGISTRY_PREFIX + store + ".location") ? REGISTRY_PREFIX + store : store;
    String location = props.get(prefix + ".location");
    if (location == null || location.isBlank()) {
      return Optional.empty();
    }
    String type = props.get(prefix + ".type");
    String password = props.get(prefix + ".password");
    try (InputStream in = Files.newInputStream(Path.of(location))) {
      KeyStore keyStore = KeyStore.getInstance(type == null || type.isBlank() ? "JKS" : type);
      keyStore.load(in, chars(password));
      return Optional.of(keyStore);
    } catch (IOException | GeneralSecurityException e) {
      // The location is configuration, not a secret; the password never goes into the message.
      throw new SchemaRegistryException(
          "cannot load " + prefix + " " + location + ": " + e.getClass().getSimpleName(), e);
    }
  }

  private static char[] chars(String password) {
    return password == null ? null : password.toCharArray();
  }
}
