package dev.infbench.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infbench.format.RunLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher end to end on the bundled MiniLM, through the shaded jar. */
class LauncherIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void runsExactlyTheCellsAskedForAndWritesTheRunFolder(@TempDir Path dir) throws Exception {
        JarRunner.Result r = JarRunner.run(dir, JarRunner.args(List.of("-p", "model=minilm", "-p", "batch=2",
                "-p", "precision=fp32,int8", "-p", "seq=16", "--out", "runs", "--run-id", "it"), JarRunner.QUICK_TIMING));

        assertThat(r.exit()).as(r.all()).isZero();
        Path run = dir.resolve("runs/it");
        assertThat(run.resolve(RunLayout.JMH)).exists();
        assertThat(run.resolve(RunLayout.JOURNAL)).exists();
        assertThat(run.resolve(RunLayout.ENV)).exists();
        assertThat(run.resolve(RunLayout.RESULTS_CSV)).exists();
        assertThat(run.resolve(RunLayout.RUN)).exists();

        JsonNode jmh = JSON.readTree(run.resolve(RunLayout.JMH).toFile());
        assertThat(jmh.isArray()).isTrue();
        assertThat(jmh).hasSize(2);
        for (JsonNode cell : jmh) {
            assertThat(cell.path("mode").asText()).isEqualTo("sample");
            assertThat(cell.path("params").path("seq").asText()).isEqualTo("16");
            assertThat(cell.path("primaryMetric").path("rawDataHistogram").isArray()).isTrue();
        }
        assertThat(Files.readAllLines(run.resolve(RunLayout.JOURNAL))).hasSize(2);
        assertThat(Files.readAllLines(run.resolve(RunLayout.RESULTS_CSV))).hasSize(3);

        JsonNode runJson = JSON.readTree(run.resolve(RunLayout.RUN).toFile());
        assertThat(runJson.path("state").asText()).isEqualTo("complete");
        assertThat(runJson.path("cells").path("measured").asInt()).isEqualTo(2);
        assertThat(runJson.path("command_line").get(0).asText()).isEqualTo("-p");

        JsonNode env = JSON.readTree(run.resolve(RunLayout.ENV).toFile());
        assertThat(env.path("cpu").path("available_processors").asInt()).isPositive();
        assertThat(env.path("software").path("onnxruntime").asText()).isEqualTo("1.23.2");

        // The summary table and one rerun command per cell.
        assertThat(r.out()).contains("p50").contains("p90").contains("p99").contains("samples/s");
        assertThat(r.out()).contains("-p precision=int8 -p batch=2 -p seq=16");
        // What actually ran is read back from the fork.
        JsonNode first = JSON.readTree(Files.readAllLines(run.resolve(RunLayout.JOURNAL)).get(0));
        assertThat(first.path("effective").path("provider").asText()).isEqualTo("CPUExecutionProvider");
        assertThat(first.path("effective").path("intra_op_threads").asInt()).isPositive();
        assertThat(first.path("effective").path("model_sha256").asText()).hasSize(64);

        // The machine's peaks, measured once before the first cell, and every cell's share of the matching one.
        JsonNode peak = JSON.readTree(run.resolve(RunLayout.PEAK).toFile());
        assertThat(peak.path("fp32_gflops").asDouble()).as(peak.toString()).isPositive();
        assertThat(peak.path("memory_gbs").asDouble()).isPositive();
        assertThat(peak.path("how").size()).isGreaterThanOrEqualTo(2);
        assertThat(r.out()).contains("infbench: machine peak (");
        String profile = Files.readString(run.resolve(RunLayout.PROFILE_MD));
        assertThat(profile).contains("## Share of the machine's peak").contains("of the fp32 peak");
        try (var in = Files.newBufferedReader(run.resolve(RunLayout.RESULTS_CSV))) {
            CSVRecord row = CSVFormat.DEFAULT.builder().setHeader().build().parse(in).getRecords().get(0);
            assertThat(Double.parseDouble(row.get("peak_share"))).isPositive();
            assertThat(row.get("peak_kind")).isIn("fp32", "int8");
        }
        assertThat(Files.readString(run.resolve(RunLayout.REPORT_HTML))).contains("Share of the machine&#39;s peak");
    }

    @Test
    void profileAddsStageSharesAndOperatorTablesOutsideTheMeasuredCells(@TempDir Path dir) throws Exception {
        // ONNX Runtime only: libtorch's profile is folded on a real trace in OperatorProfileTest.
        JarRunner.Result r = JarRunner.run(dir, JarRunner.args(List.of("-p", "model=minilm,smallcnn", "-p",
                "seq=16", "--profile", "--out", "runs", "--run-id", "prof"), JarRunner.QUICK));

        assertThat(r.exit()).as(r.all()).isZero();
        Path run = dir.resolve("runs/prof");
        // Only the two measured cells are in the journal: profiles and pipeline forks are not cells.
        assertThat(Files.readAllLines(run.resolve(RunLayout.JOURNAL))).hasSize(2);
        String profile = Files.readString(run.resolve(RunLayout.PROFILE_MD));
        assertThat(profile).contains("## Where a request's time goes")
                .containsPattern("minilm at batch 1: the model is [0-9.]+% of end to end; preprocessing [0-9.]+%")
                .containsPattern("smallcnn at batch 1: the model is [0-9.]+% of end to end")
                .containsPattern("## Operators of #\\d+ .*\\(onnxruntime\\)")
                .doesNotContain("not profiled");
        try (var files = Files.list(run.resolve(RunLayout.PROFILES))) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".trace.json")))
                    .hasSize(2);
        }
        assertThat(Files.readString(run.resolve(RunLayout.REPORT_HTML))).contains("Where a request&#39;s time goes");
    }

    @Test
    void prunedCellsAndABatchSearchStoppedByItsMemoryBudgetAreRowsSayingWhyAndTheRunGoesOn(@TempDir Path dir)
            throws Exception {
        // bf16 has no CPU kernels (pruned before the run); fp32 searches batches 1, 2, 4 at threads 1 and 2 under a
        // memory budget no fork fits: each configuration stops at batch 1, and the other still runs.
        JarRunner.Result r = JarRunner.run(dir, List.of("-p", "precision=fp32,bf16", "-p", "seq=8", "-p",
                "threads=1,2", "--batch-search", "--max-batch", "4", "--max-memory", "1", "-f", "2", "-wi", "1", "-w",
                "200ms", "-i", "2", "-r", "300ms", "--no-peak", "--out", "runs", "--run-id", "pruned"));
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("bf16 on onnxruntime/cpu: no CPU kernels");
        assertThat(r.out()).containsPattern("the batch search stopped at batch 1 \\(cell #\\d+\\): its"
                + " peak resident memory [0-9.]+ MiB is over --max-memory 1 MiB in its first serving fork \\(round 2\\);"
                + " not run: batch 2, 4");
        Path run = dir.resolve("runs/pruned");
        List<String> csv = Files.readAllLines(run.resolve(RunLayout.RESULTS_CSV));
        assertThat(csv).hasSize(13);
        assertThat(csv.stream().filter(l -> l.contains("PRUNED"))).hasSize(10);
        assertThat(csv.stream().filter(l -> l.contains("the batch search stopped at batch 1"))).hasSize(4);
        // Both configurations ran their two rounds at batch 1: the search stopped each, not the run.
        assertThat(Files.readAllLines(run.resolve(RunLayout.JOURNAL)).stream()
                .filter(l -> l.contains("\"round\":"))).hasSize(4);
        JsonNode runJson = JSON.readTree(run.resolve(RunLayout.RUN).toFile());
        assertThat(runJson.path("batch_search").path("max_memory_mib").asDouble()).isEqualTo(1.0);
        assertThat(Files.readString(run.resolve(RunLayout.PROFILE_MD))).contains("## Batch-size search")
                .contains("precision=fp32 threads=1: no batch fits the budgets (batch 1: over --max-memory (peak RSS");
    }

    @Test
    void dryRunRunsNothing(@TempDir Path dir) throws Exception {
        JarRunner.Result r = JarRunner.run(dir, List.of("--dry-run", "--out", "runs"));
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("14 cells").contains("estimated duration");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void badInputGetsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        List<List<String>> bad = List.of(
                List.of("-p", "bacth=1"),
                List.of("-p", "precision=fp23"),
                List.of("-p", "batch=0"),
                List.of("-p", "batch=-4"),
                List.of("-f", "0"),
                List.of("-p", "options=opt:fast"),
                List.of("-rff", "x.json"),
                List.of("--sweep", "no-such-sweep"),
                List.of("NoSuchBenchmark"),
                List.of("-wi", "many"));
        for (List<String> args : bad) {
            JarRunner.Result r = JarRunner.run(dir, JarRunner.args(args, List.of("--out", "runs")));
            assertThat(r.exit()).as(args + ": " + r.all()).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).as(args + ": " + r.err()).isEqualTo(1);
            assertThat(r.err()).as(args.toString()).startsWith("infbench: ").doesNotContain("\tat ")
                    .doesNotContain("Exception");
        }
        assertThat(dir.resolve("runs")).doesNotExist();
    }
}
