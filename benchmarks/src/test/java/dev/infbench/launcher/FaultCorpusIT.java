package dev.infbench.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infbench.format.RunLayout;
import dev.infbench.model.TinyOnnxModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bad-input and fault corpus of a night, generated here: model files that are not models, models that no runtime
 * can run or that exhaust memory, inputs the suite cannot fill, and a fork that runs out of memory under a cap the
 * JVM enforces. Each case ends in one clear line and a non-zero exit, or in a FAILED row with a plain reason while
 * the rest of the sweep is measured; never a stack trace, never a lost result. (Untrusted external data, hostile file
 * names, busy hosts, full disks and unwritable folders are {@link UntrustedInputIT}'s; killed forks and launchers and
 * {@code --resume} are {@link FailureIT}'s; cut and damaged journals and JMH files given to the harness are the
 * harness's own tests.)
 */
class FaultCorpusIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A file the launcher must refuse before anything opens it, by how it was made. */
    private static Path brokenModel(Path dir, String kind) throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        Path file = models.resolve(kind + ".onnx");
        byte[] valid = Files.readAllBytes(TinyOnnxModels.imageClassifier(Files.createDirectories(dir.resolve("ok"))));
        switch (kind) {
            case "empty" -> Files.write(file, new byte[0]);
            case "truncated" -> Files.write(file, Arrays.copyOf(valid, valid.length / 2));
            case "random-bytes" -> {
                byte[] noise = new byte[4096];
                new Random(7).nextBytes(noise);
                Files.write(file, noise);
            }
            case "git-lfs-pointer" -> Files.writeString(file, "version https://git-lfs.github.com/spec/v1\n"
                    + "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n");
            case "text-format" -> Files.writeString(file, "ir_version: 8\nopset_import { version: 17 }\ngraph {\n"
                    + "  name: \"g\"\n  node { op_type: \"Relu\" input: \"x\" output: \"y\" }\n}\n");
            case "directory" -> Files.createDirectories(file);
            default -> throw new IllegalArgumentException(kind);
        }
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"empty", "truncated", "random-bytes", "git-lfs-pointer", "text-format", "directory"})
    void aModelFileThatIsNoModelIsOneLineAndExitTwoBeforeAnythingRuns(String kind, @TempDir Path dir)
            throws Exception {
        Path model = brokenModel(dir, kind);

        JarRunner.Result r = JarRunner.run(dir, JarRunner.args(List.of("-p", "model=" + model, "--out", "runs"),
                JarRunner.QUICK));

        System.out.println("corpus: " + kind + " model: exit " + r.exit() + ": " + r.err().strip());
        assertThat(r.exit()).as(r.all()).isEqualTo(Launcher.USAGE);
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).contains(model.getFileName().toString()).doesNotContain("Exception", "\tat ");
        if (kind.equals("git-lfs-pointer")) {
            assertThat(r.err()).contains("Git LFS pointer");
        }
        assertThat(dir.resolve("runs")).as("nothing was started").doesNotExist();
    }

    @Test
    void modelsThatFailInsideTheirForkAreFailedRowsAndTheSweepGoesOn(@TempDir Path dir) throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        Path healthy = TinyOnnxModels.scalarInput(models);
        Path unknown = TinyOnnxModels.unknownOperator(models);
        Path bomb = TinyOnnxModels.allocationBomb(models);

        JarRunner.Result r = JarRunner.run(dir, JarRunner.args(List.of("-p", "model=" + unknown + "," + healthy
                + "," + bomb, "--out", "runs", "--run-id", "fork"), JarRunner.QUICK));

        assertThat(r.exit()).as(r.all()).isEqualTo(Launcher.FAILED);
        assertThat(r.all()).doesNotContain("\tat ");
        List<JsonNode> journal = journal(dir.resolve("runs/fork"));
        journal.forEach(e -> System.out.println("corpus: " + Path.of(e.path("params").path("model").asText())
                .getFileName() + ": " + e.path("status").asText() + " " + e.path("reason").asText()));
        assertThat(journal).extracting(e -> e.path("status").asText()).containsExactly("FAILED", "OK", "FAILED");
        assertThat(journal.get(0).path("reason").asText()).contains("NoSuchOperator").doesNotContain("\tat ");
        assertThat(journal.get(2).path("reason").asText()).doesNotContain("\tat ");
        assertThat(FailureCause.outOfMemory(journal.get(2).path("reason").asText())).as(journal.get(2).toString())
                .isTrue();
        // The healthy cell's result survives its neighbours: in the journal, jmh.json and results.csv.
        assertThat(JSON.readTree(dir.resolve("runs/fork/" + RunLayout.JMH).toFile())).hasSize(1);
        assertThat(Files.readAllLines(dir.resolve("runs/fork/" + RunLayout.RESULTS_CSV))).hasSize(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"string-input", "complex-input", "huge-input"})
    void anInputTheSuiteCannotFillIsSaidPlainly(String kind, @TempDir Path dir) throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        Path model = switch (kind) {
            case "string-input" -> TinyOnnxModels.stringInput(models);
            case "complex-input" -> TinyOnnxModels.complexInput(models);
            default -> TinyOnnxModels.hugeInput(models);
        };
        Path healthy = TinyOnnxModels.scalarInput(models);

        JarRunner.Result r = JarRunner.run(dir, JarRunner.args(List.of("-p", "model=" + healthy + "," + model,
                "--out", "runs", "--run-id", "in"), JarRunner.QUICK));

        System.out.println("corpus: " + kind + ": exit " + r.exit() + ": " + r.err().strip());
        assertThat(r.all()).doesNotContain("\tat ", "Exception in thread");
        if (r.exit() == Launcher.USAGE) {
            // Refused before the run: one line naming the input.
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
            assertThat(r.err()).contains(inputOf(kind));
            assertThat(dir.resolve("runs")).doesNotExist();
        } else {
            // Or its cell is a row with the reason, and the healthy cell is measured.
            assertThat(r.exit()).as(r.all()).isIn(0, Launcher.FAILED);
            List<JsonNode> journal = journal(dir.resolve("runs/in"));
            journal.forEach(e -> System.out.println("corpus:   " + e.path("status").asText() + " "
                    + e.path("reason").asText()));
            assertThat(journal).extracting(e -> e.path("status").asText()).contains("OK");
            assertThat(journal).filteredOn(e -> !e.path("status").asText().equals("OK")).singleElement()
                    .satisfies(e -> assertThat(e.path("reason").asText()).isNotBlank().doesNotContain("\tat "));
        }
    }

    private static String inputOf(String kind) {
        return switch (kind) {
            case "string-input" -> "text";
            case "complex-input" -> "signal";
            default -> "volume";
        };
    }

    @Test
    void aForkThatExhaustsItsMemoryUnderAJvmCapIsAnOutOfMemoryRowAndTheSweepGoesOn(@TempDir Path dir)
            throws Exception {
        Path healthy = TinyOnnxModels.scalarInput(Files.createDirectories(dir.resolve("models")));
        List<String> args = new ArrayList<>(List.of("-p", "model=" + healthy, "-p", "options=fault:oom,none",
                "-jvmArgsAppend", "-XX:MaxDirectMemorySize=64m", "--out", "runs", "--run-id", "oom"));
        args.addAll(JarRunner.QUICK);

        JarRunner.Result r = JarRunner.run(dir, args);

        assertThat(r.exit()).as(r.all()).isEqualTo(Launcher.FAILED);
        List<JsonNode> journal = journal(dir.resolve("runs/oom"));
        System.out.println("corpus: fault:oom: " + journal.get(0).path("status").asText() + " "
                + journal.get(0).path("reason").asText());
        assertThat(journal).extracting(e -> e.path("status").asText()).containsExactly("FAILED", "OK");
        assertThat(FailureCause.outOfMemory(journal.get(0).path("reason").asText())).as(journal.get(0).toString())
                .isTrue();
        assertThat(journal.get(0).path("reason").asText()).doesNotContain("\tat ");
    }

    /** The run's journal in the order of the grid (the forks ran in a shuffled order). */
    private static List<JsonNode> journal(Path run) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve(RunLayout.JOURNAL), StandardCharsets.UTF_8)) {
            lines.add(JSON.readTree(line));
        }
        lines.sort(java.util.Comparator.comparingInt(e -> e.path("index").asInt()));
        return lines;
    }
}
