package dev.infbench.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run folder's files come from anywhere: each of these is refused in one line, never read as if it were fine. */
class UntrustedFilesTest {

    @Test
    void aPeakFileOfNullOrOfImpossibleRatesIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(RunLayout.PEAK), "null");
        assertThatThrownBy(() -> MachinePeak.read(dir)).isInstanceOf(FormatException.class)
                .hasMessageContaining("not a machine peak");
        Files.writeString(dir.resolve(RunLayout.PEAK), "{\"schema\": 1, \"threads\": 2, \"fp32_gflops\": -5}");
        assertThatThrownBy(() -> MachinePeak.read(dir)).isInstanceOf(FormatException.class)
                .hasMessageContaining("positive");
        StringBuilder problems = new StringBuilder();
        assertThat(MachinePeak.read(dir, problems::append)).isEmpty();
        assertThat(problems.toString()).contains("shown without a share of the peak");
    }

    @Test
    void aRunFileOfNullOrAnInfiniteBudgetIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(RunLayout.RUN), "null");
        assertThatThrownBy(() -> RunManifest.read(dir)).isInstanceOf(FormatException.class);
        Files.writeString(dir.resolve(RunLayout.RUN), "{\"schema\": " + Schemas.RUN + ", \"batch_search\":"
                + " {\"max_batch\": 8, \"max_memory_mib\": 1e999}}");
        assertThatThrownBy(() -> RunManifest.read(dir)).isInstanceOf(FormatException.class)
                .hasMessageContaining("positive");
    }

    @Test
    void aTraceIsStreamedAndAnythingButCompleteEventsIsLeftOut(@TempDir Path dir) throws Exception {
        Path empties = Files.writeString(dir.resolve("e.json"), "[" + "{},".repeat(100_000) + "1, \"x\", null,"
                + " {\"name\":\"a\",\"ph\":\"X\",\"ts\":1,\"dur\":2}]");
        assertThat(ChromeTrace.read(empties)).hasSize(1);
        Path wrapped = Files.writeString(dir.resolve("w.json"), "{\"meta\": {\"deep\": [1, 2]}, \"traceEvents\":"
                + " [{\"name\":\"a\",\"ph\":\"X\",\"ts\":1,\"dur\":2}, {\"ph\":\"X\",\"ts\":1,\"dur\":-1}]}");
        assertThat(ChromeTrace.read(wrapped)).hasSize(1);
        Path none = Files.writeString(dir.resolve("n.json"), "{\"meta\": 1}");
        assertThatThrownBy(() -> ChromeTrace.read(none)).isInstanceOf(FormatException.class)
                .hasMessageContaining("not a Chrome trace");
        Path cut = Files.writeString(dir.resolve("c.json"), "[{\"name\":\"a\",\"ph\":\"X\",\"ts\":1,\"dur\":2},");
        assertThatThrownBy(() -> ChromeTrace.read(cut)).isInstanceOf(FormatException.class)
                .hasMessageContaining("not a readable trace");
    }
}
