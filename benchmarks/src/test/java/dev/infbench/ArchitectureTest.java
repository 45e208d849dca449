package dev.infbench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of {@code ARCHITECTURE.md}, checked on the compiled main classes of all three modules
 * (format, harness, benchmarks). Each rule carries its number there; a violation fails the build naming it.
 */
class ArchitectureTest {
    private static final String FORMAT = "dev.infbench.format..";
    private static final String HARNESS = "dev.infbench.harness..";
    /** The benchmarks module's packages. */
    private static final String[] BENCHMARKS = {"dev.infbench.accuracy..", "dev.infbench.backend..",
        "dev.infbench.bench..", "dev.infbench.config..", "dev.infbench.env..", "dev.infbench.launcher..",
        "dev.infbench.load..", "dev.infbench.model..", "dev.infbench.tools.."};
    /** The Java APIs of native inference libraries: what only a backend (and the tools beside it) may touch. */
    private static final String[] NATIVE_APIS = {"ai.onnxruntime..", "ai.djl..", "org.bytedeco..",
        "org.tensorflow..", "com.google.ai.edge.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ArchitectureTest::isMainCode)
                .importPackages("dev.infbench");
    }

    /** Main classes only: no test classes (a module's own, or the harness's test jar) and no JMH-generated code. */
    private static boolean isMainCode(Location location) {
        return ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location) && !location.contains("-tests.jar")
                && !location.contains("/jmh_generated/");
    }

    @Test
    void r1TheFormatDependsOnJacksonAlone() {
        check(classes().that().resideInAPackage(FORMAT).should().onlyDependOnClassesThat()
                .resideInAnyPackage(FORMAT, "java..", "com.fasterxml.jackson..")
                .as("R1 the format module depends on the JDK and Jackson alone"));
    }

    @Test
    void r2TheHarnessKnowsNoBenchmark() {
        check(noClasses().that().resideInAnyPackage(HARNESS, FORMAT).should().dependOnClassesThat()
                .resideInAnyPackage(BENCHMARKS)
                .as("R2 the harness and the format know nothing of the benchmarks module"));
    }

    @Test
    void r3ModelsKnowNoBackend() {
        check(noClasses().that().resideInAPackage("dev.infbench.model..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.infbench.backend..", "dev.infbench.bench..", "dev.infbench.launcher..",
                        "dev.infbench.accuracy..", HARNESS)
                .as("R3 model code knows no backend, benchmark, launcher or harness"));
    }

    @Test
    void r11TheLoadGeneratorKnowsOnlyTheJdk() {
        check(noClasses().that().resideInAPackage("dev.infbench.load..").should().dependOnClassesThat()
                .resideInAnyPackage(java.util.stream.Stream.concat(java.util.Arrays.stream(BENCHMARKS)
                        .filter(p -> !p.equals("dev.infbench.load..")), java.util.stream.Stream.of(HARNESS, FORMAT))
                        .toArray(String[]::new))
                .as("R11 the load generator (scheduling and latency accounting) knows nothing of the suite: it"
                        + " drives a Call on a Clock"));
    }

    @Test
    void r4ConfigurationKnowsNoModel() {
        check(noClasses().that().resideInAnyPackage("dev.infbench.config..", "dev.infbench.env..").should()
                .dependOnClassesThat().resideInAnyPackage("dev.infbench.model..", "dev.infbench.backend..",
                        "dev.infbench.bench..", "dev.infbench.launcher..", "dev.infbench.accuracy..", HARNESS)
                .as("R4 configuration and environment probing know no model, backend, benchmark or harness"));
    }

    @Test
    void r5BackendsKnowNoOtherBackend() {
        check(slices().matching("dev.infbench.backend.(*)..").should().notDependOnEachOther()
                .as("R5 one backend never depends on another"));
    }

    @Test
    void r6OnlyTheRegistryKnowsABackendsInside() {
        check(noClasses().that().resideOutsideOfPackage("dev.infbench.backend..").should().dependOnClassesThat()
                .resideInAPackage("dev.infbench.backend.*..")
                .as("R6 outside dev.infbench.backend, code reaches a backend through Backend and Backends only"));
    }

    @Test
    void r7NativeLibrariesOnlyInBackends() {
        check(noClasses().that().resideOutsideOfPackages("dev.infbench.backend.*..", "dev.infbench.model.text..",
                "dev.infbench.tools..").should().dependOnClassesThat().resideInAnyPackage(NATIVE_APIS)
                .as("R7 only a backend's package, the tokenizer (model.text) and the tools touch a native library's"
                        + " API"));
    }

    @Test
    void r8OnlyTheLauncherReports() {
        check(noClasses().that().resideInAnyPackage(BENCHMARKS).and().resideOutsideOfPackages(
                "dev.infbench.launcher..", "dev.infbench.tools..").should().dependOnClassesThat()
                .resideInAPackage(HARNESS)
                .as("R8 in the benchmarks module only the launcher (and the tools) use the harness"));
    }

    @Test
    void r9NoCycles() {
        check(slices().matching("dev.infbench.(*)..").should().beFreeOfCycles()
                .as("R9 the benchmarks module's top-level packages form no cycle"));
        check(slices().matching("dev.infbench.harness.(**)").should().beFreeOfCycles()
                .as("R9 the harness's packages form no cycle"));
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }
}
