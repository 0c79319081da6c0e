package dev.healthstreams.topology.consent;

import dev.healthstreams.config.ConfigNode;
import dev.healthstreams.config.Parsers;
import dev.healthstreams.config.SettingsReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The consent-table topology's own settings.
 *
 * @param implicitPolicy what applies when no consent speaks (default {@code deny-all})
 * @param breakGlassPurposes purposes that permit whatever the consents say (default BTG)
 * @param gates the gates on other topics, each with its own topics
 */
public record ConsentTableSettings(
    ImplicitPolicy implicitPolicy, List<String> breakGlassPurposes, List<Gate> gates) {
  public static final List<String> DEFAULT_BREAK_GLASS = List.of("BTG");

  public ConsentTableSettings {
    breakGlassPurposes = List.copyOf(breakGlassPurposes);
    gates = List.copyOf(gates);
  }

  public ConsentDecider decider() {
    return new ConsentDecider(implicitPolicy, breakGlassPurposes);
  }

  public static SettingsReader<ConsentTableSettings> reader() {
    return block -> {
      ImplicitPolicy policy =
          block
              .value("implicit-policy", Parsers.kebabEnum(ImplicitPolicy.class))
              .orElse(ImplicitPolicy.DENY_ALL);
      List<String> breakGlass =
          block.values("break-glass-purposes", Parsers.nonEmpty()).orElse(DEFAULT_BREAK_GLASS);
      return new ConsentTableSettings(policy, breakGlass, gates(block));
    };
  }

  private static List<Gate> gates(ConfigNode block) {
    List<Gate> gates = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> inputs = new HashSet<>();
    for (ConfigNode node : block.list("gates")) {
      String name = node.value("name", Parsers.id()).required();
      if (!name.isEmpty() && !names.add(name)) {
        node.error("name", "duplicate gate name '" + name + "'");
      }
      String input = topic(node, "input");
      if (!input.isEmpty() && !inputs.add(input)) {
        node.error("input", "topic '" + input + "' is already gated");
      }
      String permitted = topic(node, "permitted");
      String denied = topic(node, "denied");
      if (!permitted.isEmpty() && (permitted.equals(denied) || permitted.equals(input))) {
        node.error("permitted", "must differ from the gate's input and denied topics");
      }
      if (!denied.isEmpty() && denied.equals(input)) {
        node.error("denied", "must differ from the gate's input topic");
      }
      ConfigNode recipient = node.requiredChild("recipient");
      String organization = recipient.value("organization", Parsers.nonEmpty()).required();
      List<String> roles = recipient.values("roles", Parsers.nonEmpty()).orElse(List.of());
      String purpose = node.value("purpose", Parsers.nonEmpty()).required();
      String category = node.value("category", Parsers.nonEmpty()).optional().orElse(null);
      String action = node.value("action", Parsers.nonEmpty()).orElse(AccessQuery.DEFAULT_ACTION);
      gates.add(
          new Gate(name, input, permitted, denied, organization, roles, purpose, category, action));
    }
    return gates;
  }

  private static String topic(ConfigNode node, String key) {
    return node.value(key, Parsers.topicName()).required();
  }
}
