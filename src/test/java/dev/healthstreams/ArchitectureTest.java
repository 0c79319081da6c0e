package dev.healthstreams;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package rules of ARCHITECTURE.md, held by the build: dependencies point inward ({@code cli ->
 * runtime -> topology -> (fhir, serde, config, errors)}), and pure domain logic imports no Kafka.
 *
 * <p>How a topology's domain classes are told apart from its wiring: in a package under {@code
 * topology/} (a topology's own, or a shared one such as {@code support/}), a class may use Kafka
 * only when it is wiring, that is when its top-level class
 *
 * <ul>
 *   <li>is named {@code *Topology}, {@code *Processor}, {@code *Serde}, {@code *Serializer} or
 *       {@code *Deserializer}, or
 *   <li>implements Kafka Streams' processor API ({@code Processor}, {@code FixedKeyProcessor} or
 *       their suppliers) or Kafka's {@code Serde}, {@code Serializer}, {@code Deserializer}, or
 *   <li>is on {@link #KAFKA_ALLOWED}, a short list, each entry with its reason.
 * </ul>
 *
 * Everything else there (rules, policies, state machines, indexes, caches) is domain logic, tested
 * without Kafka. The package {@code topology} itself is the contract between the runtime and the
 * topologies (definitions, build context, the shared patient table): it exists to hand Kafka types
 * over, so the rule does not cover it.
 */
@AnalyzeClasses(
    packages = "dev.healthstreams",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String KAFKA = "org.apache.kafka..";
  private static final String TOPOLOGY = "dev.healthstreams.topology";

  /**
   * Topology subpackages every topology may use; any other subpackage of {@code topology} is one
   * topology's own, which the CLI must not name.
   */
  private static final Set<String> SHARED_TOPOLOGY_PACKAGES = Set.of("support", "query");

  /**
   * Classes under {@code topology/} that use Kafka without being wiring by name or type, by fully
   * qualified name (a name, not a class literal, so that a rename elsewhere does not break the
   * build). Empty today: prefer moving the Kafka part out of a domain class to adding it here.
   */
  private static final Set<String> KAFKA_ALLOWED = Set.of();

  /** Packages that reach topologies only through the topology package root. */
  private static final List<String> NAME_NO_TOPOLOGY =
      List.of("dev.healthstreams.cli", "dev.healthstreams.runtime", "dev.healthstreams.bench");

  private static final String NO_TOPOLOGY_REASON =
      "a new topology is one package plus its registration: cli, runtime and bench reach"
          + " topologies only through the topology package root (definitions, registry) and never"
          + " name one ("
          + TOPOLOGY
          + ".<name>)";

  private static final List<String> WIRING_SUFFIXES =
      List.of("Topology", "Processor", "Serde", "Serializer", "Deserializer");

  private static final List<String> WIRING_TYPES =
      List.of(
          "org.apache.kafka.streams.processor.api.Processor",
          "org.apache.kafka.streams.processor.api.FixedKeyProcessor",
          "org.apache.kafka.streams.processor.api.ProcessorSupplier",
          "org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier",
          "org.apache.kafka.common.serialization.Serde",
          "org.apache.kafka.common.serialization.Serializer",
          "org.apache.kafka.common.serialization.Deserializer");

  /** TCP_NODELAY holds only when the JVM's first JDK HTTP server is created by HttpServers. */
  @ArchTest
  static final ArchRule httpServersAreCreatedWithNoDelay =
      noClasses()
          .that()
          .doNotHaveFullyQualifiedName("dev.healthstreams.runtime.HttpServers")
          .should()
          .callMethodWhere(
              DescribedPredicate.describe(
                  "HttpServer.create",
                  (JavaMethodCall call) ->
                      call.getTargetOwner().isEquivalentTo(HttpServer.class)
                          && call.getName().equals("create")));

  @ArchTest
  static final ArchRule fhirImportsNoKafka =
      noClasses()
          .that()
          .resideInAPackage("dev.healthstreams.fhir..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(KAFKA)
          .because("fhir/ holds pure readers that any layer, and any test, uses without Kafka");

  @ArchTest
  static final ArchRule topologyDomainClassesImportNoKafka =
      noClasses()
          .that(oneTopologysOwnPackage())
          .and(not(kafkaWiring()))
          .should()
          .dependOnClassesThat()
          .resideInAPackage(KAFKA)
          .because(
              "a topology's rules, policies and state are pure classes tested without Kafka; only"
                  + " its *Topology, processors and serdes wire them to Kafka (see the class"
                  + " comment of ArchitectureTest)");

  @ArchTest
  static final ArchRule topologiesImportNeitherRuntimeNorCli =
      noClasses()
          .that()
          .resideInAPackage(TOPOLOGY + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.healthstreams.runtime..", "dev.healthstreams.cli..")
          .because("dependencies point inward: cli -> runtime -> topology");

  @ArchTest
  static final ArchRule cliRuntimeAndBenchNameNoTopology =
      noClasses()
          .that()
          .resideInAnyPackage(NAME_NO_TOPOLOGY.stream().map(p -> p + "..").toArray(String[]::new))
          .should()
          .dependOnClassesThat(oneTopologysOwnPackage())
          .because(NO_TOPOLOGY_REASON);

  /**
   * The same rule over the sources: javac inlines a topology's constants (role names, topology
   * names) into the classes that use them, so the bytecode ArchUnit reads no longer shows that
   * dependency, while the source still imports the topology and changes with it.
   */
  @Test
  void cliRuntimeAndBenchSourcesNameNoTopology() throws IOException {
    Pattern topologyReference = Pattern.compile(Pattern.quote(TOPOLOGY) + "\\.([a-z0-9_]+)\\.");
    List<String> violations = new ArrayList<>();
    for (String packageName : NAME_NO_TOPOLOGY) {
      Path dir = ProjectRoot.path().resolve("src/main/java").resolve(packageName.replace('.', '/'));
      List<Path> sources;
      try (Stream<Path> files = Files.walk(dir)) {
        sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
      }
      for (Path source : sources) {
        List<String> lines = Files.readAllLines(source);
        for (int i = 0; i < lines.size(); i++) {
          Matcher reference = topologyReference.matcher(lines.get(i));
          while (reference.find()) {
            if (!SHARED_TOPOLOGY_PACKAGES.contains(reference.group(1))) {
              violations.add(
                  ProjectRoot.path().relativize(source)
                      + ":"
                      + (i + 1)
                      + ": "
                      + lines.get(i).trim());
            }
          }
        }
      }
    }
    assertEquals(List.of(), violations, NO_TOPOLOGY_REASON);
  }

  @ArchTest
  static final ArchRule packagesFormNoCycle =
      slices().matching("dev.healthstreams.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule topologyPackagesFormNoCycle =
      slices().matching(TOPOLOGY + ".(*)..").should().beFreeOfCycles();

  /** In a subpackage of topology that is not shared: alerting, interaction, and those to come. */
  private static DescribedPredicate<JavaClass> oneTopologysOwnPackage() {
    String[] shared =
        SHARED_TOPOLOGY_PACKAGES.stream()
            .map(p -> TOPOLOGY + "." + p + "..")
            .toArray(String[]::new);
    return resideInAPackage(TOPOLOGY + ".*..")
        .and(not(resideInAnyPackage(shared)))
        .as("reside in one topology's own package (" + TOPOLOGY + ".<name>..)");
  }

  private static DescribedPredicate<JavaClass> kafkaWiring() {
    return DescribedPredicate.describe(
        "are Kafka wiring (*Topology, processors, serdes, or allowed by name)",
        javaClass -> {
          JavaClass topLevel = topLevelOf(javaClass);
          return KAFKA_ALLOWED.contains(topLevel.getName())
              || WIRING_SUFFIXES.stream().anyMatch(topLevel.getSimpleName()::endsWith)
              || WIRING_TYPES.stream().anyMatch(topLevel::isAssignableTo);
        });
  }

  /** Nested, local and anonymous classes (and lambdas' hosts) belong to their top-level class. */
  private static JavaClass topLevelOf(JavaClass javaClass) {
    JavaClass current = javaClass;
    while (current.getEnclosingClass().isPresent()) {
      current = current.getEnclosingClass().get();
    }
    return current;
  }
}
