package dev.infbench.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infbench.format.RunLayout;
import dev.infbench.model.TinyOnnxModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ran, on what machine, and was it right: user models, the accuracy gate, settings read back, fingerprints. */
class TrustIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aUserImageModelWithDynamicHeightAndWidthRunsWithShape(@TempDir Path dir) throws Exception {
        Path model = TinyOnnxModels.imageClassifier(dir);
        JarRunner.Result r = JarRunner.run(dir, JarRunner.args(List.of("-p", "model=" + model,
                "-p", "shape=pixel_values:3x64x48", "-p", "batch=1,4", "--out", "runs", "--run-id", "img"),
                JarRunner.QUICK));

        assertThat(r.exit()).as(r.all()).isZero();
        List<JsonNode> journal = journal(dir.resolve("runs/img"));
        assertThat(journal).extracting(e -> e.path("status").asText()).containsExactly("OK", "OK");
        JsonNode first = journal.get(0);
        assertThat(first.path("effective").path("inputs").path("pixel_values").asText())
                .startsWith("pixel_values float32[1x3x64x48]: seeded synthetic images");
        assertThat(first.path("accuracy").path("metric").asText()).isEqualTo("classifier");
        assertThat(first.path("accuracy").path("top1_agreement").asDouble()).isEqualTo(1.0);
        assertThat(journal.get(1).path("effective").path("inputs").path("pixel_values").asText())
                .startsWith("pixel_values float32[4x3x64x48]");
    }

    @Test
    void withoutShapeTheErrorNamesTheInputAndHowToSupplyIt(@TempDir Path dir) throws Exception {
        Path model = TinyOnnxModels.imageClassifier(dir);
        JarRunner.Result r = JarRunner.run(dir, List.of("-p", "model=" + model, "--out", "runs"));

        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("input 'pixel_values'").contains("-p shape=pixel_values:3xHEIGHTxWIDTH")
                .doesNotContain("Exception");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void theInt8CellCarriesAccuracyFiguresAndTheNegativeControlIsInaccurate(@TempDir Path dir) throws Exception {
        JarRunner.Result r = JarRunner.run(dir, JarRunner.args(List.of("-p", "model=minilm,minilm-zeroed",
                "-p", "precision=fp32,int8", "-p", "seq=32", "--out", "runs", "--run-id", "acc"), JarRunner.QUICK));

        // INACCURATE cells are results, not failures: exit 0, flagged in the table.
        assertThat(r.exit()).as(r.all()).isZero();
        List<JsonNode> journal = journal(dir.resolve("runs/acc"));
        JsonNode fp32 = cell(journal, "minilm", "fp32");
        JsonNode int8 = cell(journal, "minilm", "int8");
        JsonNode zeroed = cell(journal, "minilm-zeroed", "fp32");
        assertThat(fp32.path("status").asText()).isEqualTo("OK");
        assertThat(fp32.path("accuracy").path("min_cosine").asDouble()).isGreaterThan(0.99999);
        assertThat(int8.path("status").asText()).isEqualTo("OK");
        assertThat(int8.path("accuracy").path("metric").asText()).isEqualTo("pooled-embedding");
        assertThat(int8.path("accuracy").path("samples").asInt()).isGreaterThanOrEqualTo(16);
        assertThat(int8.path("accuracy").path("min_cosine").asDouble()).isBetween(0.98, 0.99999);
        assertThat(zeroed.path("status").asText()).isEqualTo("INACCURATE");
        assertThat(zeroed.path("reason").asText()).contains("min cosine").contains("< 0.99999");
        assertThat(cell(journal, "minilm-zeroed", "int8").path("status").asText()).isEqualTo("PRUNED");
        assertThat(r.out()).contains("INACCURATE");
        assertThat(Files.readString(dir.resolve("runs/acc/" + RunLayout.RESULTS_CSV))).contains("INACCURATE");
    }

    @Test
    void aSettingTheBackendSilentlyIgnoredMarksTheRow(@TempDir Path dir) throws Exception {
        // ONNX Runtime takes inter-op threads only in parallel mode; forced sequential, it ignores them silently.
        JarRunner.Result r = JarRunner.run(dir, JarRunner.args(List.of("-p", "seq=8", "-p", "threads=1",
                "-p", "interop=2", "-p", "options=none,mode:sequential", "--out", "runs", "--run-id", "mm"),
                JarRunner.QUICK));

        assertThat(r.exit()).as(r.all()).isZero();
        List<JsonNode> journal = journal(dir.resolve("runs/mm"));
        assertThat(journal.get(0).path("mismatches").isMissingNode()).as("parallel mode honours interop").isTrue();
        assertThat(journal.get(0).path("effective").path("threads_created_by_session").asInt()).isEqualTo(1);
        assertThat(journal.get(1).path("mismatches").get(0).asText())
                .contains("interop=2 asked").contains("SEQUENTIAL");
        assertThat(journal.get(1).path("effective").path("threads_created_by_session").asInt()).isZero();
        assertThat(r.out()).contains("OK*").contains("settings differ from those asked");
        assertThat(Files.readString(dir.resolve("runs/mm/" + RunLayout.RESULTS_CSV))).contains("interop=2 asked");
    }

    @Test
    void twoRunsOnThisMachineHaveTheSameHardwareKey(@TempDir Path dir) throws Exception {
        for (String id : List.of("a", "b")) {
            JarRunner.Result r = JarRunner.run(dir, JarRunner.args(List.of("-p", "seq=8", "--out", "runs",
                    "--run-id", id), JarRunner.QUICK));
            assertThat(r.exit()).as(r.all()).isZero();
        }
        JsonNode a = JSON.readTree(dir.resolve("runs/a/" + RunLayout.ENV).toFile());
        JsonNode b = JSON.readTree(dir.resolve("runs/b/" + RunLayout.ENV).toFile());
        assertThat(a.path("keys").path("hardware").asText()).isNotEmpty()
                .isEqualTo(b.path("keys").path("hardware").asText());
        assertThat(a.path("keys").path("software").asText()).isNotEmpty();
        assertThat(a.path("models").path("minilm").asText()).hasSize(64);
    }

    private static JsonNode cell(List<JsonNode> journal, String model, String precision) {
        return journal.stream().filter(e -> e.path("params").path("model").asText().equals(model)
                && e.path("params").path("precision").asText().equals(precision)).findFirst().orElseThrow();
    }

    private static List<JsonNode> journal(Path run) throws IOException {
        return Files.readAllLines(run.resolve(RunLayout.JOURNAL), StandardCharsets.UTF_8).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new AssertionError(l, e);
            }
        }).sorted(java.util.Comparator.comparingInt(e -> e.path("index").asInt())).toList();
    }
}
