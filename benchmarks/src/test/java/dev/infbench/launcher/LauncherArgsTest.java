package dev.infbench.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infbench.config.Parameter;
import dev.infbench.config.UsageException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LauncherArgsTest {

    @Test
    void separatesParametersJmhOptionsRegexesAndOwnOptions() throws UsageException {
        LauncherArgs a = LauncherArgs.parse(List.of("-p", "batch=1,8", "-f", "1", "--out", "/tmp/x", "-wi", "2",
                "-pprecision=int8", "--dry-run", "Inference", "-jvmArgs", "-Xmx2g"));
        assertThat(a.params.get(Parameter.BATCH)).containsExactly("1", "8");
        assertThat(a.params.get(Parameter.PRECISION)).containsExactly("int8");
        assertThat(a.jmh).containsExactly("-f", "1", "-wi", "2", "-jvmArgs", "-Xmx2g");
        assertThat(a.regexes).containsExactly("Inference");
        assertThat(a.out).isEqualTo("/tmp/x");
        assertThat(a.dryRun).isTrue();
    }

    @Test
    void aBatchSearchReplacesTheBatchesWithDoublingsAndItsBudgetsNeedIt() throws UsageException {
        LauncherArgs a = LauncherArgs.parse(List.of("--batch-search", "--max-batch", "16", "--max-memory=900",
                "--sla-ms", "80", "-p", "batch=2", "-p", "model=minilm"));
        assertThat(a.sweep().valuesOf(Parameter.BATCH)).containsExactly("2", "4", "8", "16");
        assertThat(a.search()).isEqualTo(new dev.infbench.format.RunManifest.BatchSearch(16, 900.0, 80.0));
        assertThat(a.sla()).isEqualTo(80.0);
        assertThat(a.budget()).isNull();
        assertThat(LauncherArgs.parse(List.of("--batch-search")).budget()).as("no default budget for a search")
                .isNull();
        assertThat(LauncherArgs.parse(List.of("-p", "batch=1,8")).search()).isNull();
        for (List<String> bad : List.of(List.of("--max-memory", "900"), List.of("--max-batch", "8"),
                List.of("--batch-search", "-p", "batch=1,8"), List.of("--batch-search", "--max-batch", "0"),
                List.of("--batch-search", "--max-memory", "-1"), List.of("--sla-ms", "fast"),
                List.of("--batch-search", "--max-batch", "2", "-p", "batch=4"))) {
            assertThatThrownBy(() -> LauncherArgs.parse(bad).sweep()).as(bad.toString())
                    .isInstanceOf(UsageException.class);
        }
    }

    @Test
    void aRegexSelectsBenchmarksButNeverThePipelineThatOnlyProfileRuns() throws UsageException {
        assertThat(Launcher.benchmarks(LauncherArgs.parse(List.of("Inference"))))
                .containsExactly(Launcher.DEFAULT_BENCHMARK);
        assertThatThrownBy(() -> Launcher.benchmarks(LauncherArgs.parse(List.of("pipeline"))))
                .isInstanceOf(UsageException.class).hasMessageContaining("no benchmark matches pipeline");
    }

    @Test
    void repeatedDashPForOneNameAddsValues() throws UsageException {
        LauncherArgs a = LauncherArgs.parse(List.of("-p", "batch=1", "-p", "batch=8,1"));
        assertThat(a.params.get(Parameter.BATCH)).containsExactly("1", "8");
    }

    @Test
    void aRunIdIsAPlainFolderNameNeverAPath() throws UsageException {
        assertThat(LauncherArgs.parse(List.of("--run-id", "nightly-2026.12.02_a1")).runId)
                .isEqualTo("nightly-2026.12.02_a1");
        for (String bad : List.of("../x", "..", "a/b", "/abs", ".hidden", "a..b", "x\ny", "", "a b", "-x")) {
            assertThatThrownBy(() -> LauncherArgs.parse(List.of("--run-id", bad))).as(bad)
                    .isInstanceOf(UsageException.class).hasMessageContaining("a run id is a plain folder name");
        }
    }

    @Test
    void badParametersAreUsageErrors() {
        assertThatThrownBy(() -> LauncherArgs.parse(List.of("-p", "bacth=1"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown parameter");
        assertThatThrownBy(() -> LauncherArgs.parse(List.of("-p", "batch=0"))).hasMessageContaining("out of range");
        assertThatThrownBy(() -> LauncherArgs.parse(List.of("-p", "batch=-1"))).hasMessageContaining("out of range");
        assertThatThrownBy(() -> LauncherArgs.parse(List.of("-p", "batch"))).hasMessageContaining("name=value");
        assertThatThrownBy(() -> LauncherArgs.parse(List.of("-p"))).hasMessageContaining("missing value");
    }

    @Test
    void jmhOutputFileOptionsAreRefused() {
        for (String opt : new String[] {"-rf", "-rff", "-o"}) {
            assertThatThrownBy(() -> LauncherArgs.parse(List.of(opt, "x"))).as(opt)
                    .isInstanceOf(UsageException.class).hasMessageContaining("--out");
        }
    }

    @Test
    void unknownDoubleDashOptionsAreRefused() {
        assertThatThrownBy(() -> LauncherArgs.parse(List.of("--swep", "default")))
                .isInstanceOf(UsageException.class).hasMessageContaining("--sweep");
    }

    @Test
    void resumeTakesNoOtherArguments() {
        assertThatThrownBy(() -> LauncherArgs.parse(List.of("--resume", "r", "-p", "batch=2")))
                .isInstanceOf(UsageException.class).hasMessageContaining("--resume");
    }

    @Test
    void noArgumentsMeansTheDefaultSweepAndDashPAloneMeansDefaults() throws UsageException {
        assertThat(LauncherArgs.parse(List.of()).sweep().name()).isEqualTo("default");
        assertThat(LauncherArgs.parse(List.of("-p", "batch=1,8,64")).sweep().expand()).hasSize(3);
        // The default sweep's sections at batch 64: MiniLM 2 precisions x 2 thread counts, resnet50 2 backends x 2
        // layouts, resnet50 fp16 and int8.
        assertThat(LauncherArgs.parse(List.of("--sweep", "default", "-p", "batch=64")).sweep().expand()).hasSize(10);
    }
}
