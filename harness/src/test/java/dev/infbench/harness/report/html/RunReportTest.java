package dev.infbench.harness.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infbench.format.EnvFile;
import dev.infbench.format.Json;
import dev.infbench.format.RunLayout;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.RunFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
    @Test
    void aRunFolderGetsASelfContainedReportWithChartsPicksAndBothCsvs(@TempDir Path dir) throws Exception {
        Path run = RunFolders.sweepRun(dir, "run");

        RunReport.write(run, RunReport.DEFAULT_SLA_MS);

        String html = Files.readString(run.resolve(RunLayout.REPORT_HTML));
        // The picks name the machine they hold for: the run's own hardware key.
        assertThat(html).contains("<h2>Cells</h2>").contains("data:image/png;base64,").contains("Best configurations")
                .contains(EnvFile.read(run).hardwareKey());
        // Self-contained: nothing is fetched when the file is opened.
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script");
        assertThat(run.resolve(RunLayout.BEST_MD)).exists();
        assertThat(run.resolve(RunLayout.SUMMARY_MD)).exists();
        assertThat(run.resolve(RunLayout.RESULTS_CSV)).exists();
        assertThat(run.resolve(RunLayout.RESULTS_WIDE_CSV)).exists();
        assertThat(run.resolve("charts/pareto.png")).exists();
    }

    @Test
    void aPlainJmhJsonFileIsReportedIntoAFolderOfItsOwn(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("other-suite.json");
        Files.copy(RunFolders.sweepRun(dir, "run").resolve(RunLayout.JMH), json);

        RunReport.write(json, dir.resolve("out"), RunReport.DEFAULT_SLA_MS);

        assertThat(dir.resolve("out/" + RunLayout.REPORT_HTML)).exists();
        // The header and one row per element of the JMH array.
        int elements = Json.MAPPER.readTree(json.toFile()).size();
        assertThat(elements).isGreaterThan(1);
        assertThat(Files.readString(dir.resolve("out/" + RunLayout.RESULTS_CSV)).lines()).hasSize(elements + 1);
    }

    @Test
    void aMissingInputIsOneLine(@TempDir Path dir) {
        assertThatThrownBy(() -> RunReport.write(dir.resolve("nope"), RunReport.DEFAULT_SLA_MS))
                .isInstanceOf(HarnessException.class).hasMessageContaining("no such run folder");
    }
}
