package dev.infbench.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run folder's file names are a contract with users' scripts: pinned here, and each one documented. */
class RunLayoutTest {

    @Test
    void theNamesAreTheOnesUsersScriptsRelyOn() {
        assertThat(RunLayout.FILES).containsExactly("journal.jsonl", "run.json", "env.json", "jmh.json",
                "results.csv", "results-wide.csv", "summary.md", "best.md", "profile.md", "report.html", "charts", "peak.json", "profiles", "logs",
                "writer.lock", "cell-report.json");
        assertThat(RunLayout.log(Path.of("run"), 7)).isEqualTo(Path.of("run", "logs", "cell-007.log"));
        assertThat(RunLayout.modelsLog(Path.of("run"))).isEqualTo(Path.of("run", "logs", "models.log"));
        assertThat(RunLayout.profileTrace(Path.of("run"), 7)).isEqualTo(Path.of("run", "profiles", "cell-007.trace.json"));
        assertThat(RunLayout.pipeline(Path.of("run"), 7)).isEqualTo(Path.of("run", "profiles", "pipeline-007.json"));
        assertThat(RunLayout.peakLog(Path.of("run"))).isEqualTo(Path.of("run", "logs", "peak.log"));
        assertThat(RunLayout.forkOutputs(Path.of("run"), 7)).isEqualTo(Path.of("run", "logs", "cell-007.outputs.json"));
    }

    @Test
    void everyNameIsDescribedInTheResultsReadme() throws IOException {
        Path readme = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent()
                .resolve("results").resolve("README.md");
        String text = Files.readString(readme);
        List<String> names = new ArrayList<>(RunLayout.FILES);
        names.add(RunLayout.MODELS_LOG);
        names.add(RunLayout.PEAK_LOG);
        names.add("cell-NNN.trace.json");
        names.add("cell-NNN.profile.json");
        names.add("cell-NNN.profile.log");
        names.add("pipeline-NNN.json");
        names.add("pipeline-NNN.log");
        names.add("cell-NNN.outputs.json");
        // In a code span of its own (`journal.jsonl`) or as a path within one (`logs/models.log`).
        assertThat(names).allSatisfy(name -> assertThat(text).as(readme + " describes " + name)
                .containsPattern("`([a-z]+/)?" + java.util.regex.Pattern.quote(name)));
    }
}
