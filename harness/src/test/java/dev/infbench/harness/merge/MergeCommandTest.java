package dev.infbench.harness.merge;

import static dev.infbench.harness.TestCells.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.format.CellStatus;
import dev.infbench.format.RunLayout;
import dev.infbench.harness.RunFolders;
import dev.infbench.harness.TestCells;
import dev.infbench.harness.cli.HarnessCli;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.pick.BestPicks.Kind;
import dev.infbench.harness.pick.BestPicks;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeCommandTest {

    @TempDir
    Path dir;

    private Path laptop;
    private Path gpuBox;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static Map<String, String> cell(String model, String precision, String batch, String threads) {
        return params("model", model, "precision", precision, "batch", batch, "threads", threads);
    }

    @BeforeEach
    void runs() {
        laptop = RunFolders.folder(dir, "laptop-run");
        RunFolders.writeJournal(laptop, List.of(
                TestCells.measured(1, cell("minilm", "fp32", "1", "1"), RunFolders.sampleTime(30.0, 30.0)),
                TestCells.measured(2, cell("minilm", "fp32", "1", "0"), RunFolders.sampleTime(16.0, 16.0)),
                TestCells.measured(3, cell("minilm", "fp32", "8", "0"), RunFolders.sampleTime(126.0, 126.0)),
                // Faster than anything, but wrong: never picked.
                TestCells.entry(4, cell("minilm", "int8", "1", "0"), CellStatus.INACCURATE,
                        "accuracy pooled-embedding: min cosine 0.91 < 0.98 (int8)", 12.0,
                        RunFolders.sampleTime(7.0, 7.0)),
                TestCells.unmeasured(5, cell("minilm", "bf16", "1", "0"), CellStatus.PRUNED, "no CPU kernels")));
        RunFolders.writeEnv(laptop, "aaaa000000000001", "laptop", "AMD EPYC", List.of(), RunFolders.software("1.23.2"));

        gpuBox = RunFolders.folder(dir, "gpu-run");
        RunFolders.writeJournal(gpuBox, List.of(
                TestCells.measured(1, cell("minilm", "fp32", "1", "0"), RunFolders.sampleTime(2.0, 2.0)),
                TestCells.measured(2, cell("minilm", "fp32", "64", "0"), RunFolders.sampleTime(40.0, 40.0)),
                TestCells.entry(3, cell("minilm", "fp16", "64", "0"), CellStatus.FAILED, "forked JVM died", 3.0,
                        null)));
        RunFolders.writeEnv(gpuBox, "bbbb000000000002", "gpu-box", "Intel Xeon", List.of("NVIDIA H100", "NVIDIA H100"),
                RunFolders.software("1.23.2"));
    }

    /** Through the harness's own command line, as a user runs it. */
    private int run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "merge";
        System.arraycopy(args, 0, all, 1, args.length);
        return HarnessCli.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void oneRowPerRunAndCellWithTheMachine() {
        MergedRuns merged = RunMerger.merge(List.of(laptop, gpuBox), 50);

        assertThat(merged.rows()).hasSize(8);
        MergedRow first = merged.rows().get(0);
        assertThat(first.run()).isEqualTo("laptop-run");
        assertThat(first.env().host()).isEqualTo("laptop");
        assertThat(first.machine()).isEqualTo("aaaa000000000001");
        assertThat(first.p50Ms()).isEqualTo(30.0);
        MergedRow gpu = merged.rows().get(5);
        assertThat(gpu.env().gpuModels()).containsExactly("NVIDIA H100", "NVIDIA H100");
        assertThat(gpu.env().cpuModel()).isEqualTo("Intel Xeon");
        MergedRow pruned = merged.rows().get(4);
        assertThat(pruned.status()).isEqualTo(CellStatus.PRUNED);
        assertThat(pruned.p50Ms()).isNull();
        assertThat(pruned.throughputPerS()).isNull();
    }

    @Test
    void picksPerMachineAsBestMdDoesAmongOkCellsOnly() {
        MergedRuns merged = RunMerger.merge(List.of(laptop, gpuBox), 50);

        assertThat(merged.picks()).hasSize(2);
        MachinePicks onLaptop = merged.picks().get(0);
        assertThat(onLaptop.machine()).isEqualTo("aaaa000000000001");
        assertThat(onLaptop.runs()).containsExactly("laptop-run");
        BestPicks.ModelPicks minilm = onLaptop.picks().models().get(0);
        assertThat(minilm.model()).isEqualTo("minilm");
        // The INACCURATE int8 cell at 7 ms is faster, and is not picked.
        assertThat(minilm.pick(Kind.ONLINE).orElseThrow().winner().params()).containsEntry("threads", "0")
                .containsEntry("batch", "1").containsEntry("precision", "fp32");
        assertThat(minilm.pick(Kind.BATCH).orElseThrow().winner().params()).containsEntry("batch", "8");
        assertThat(minilm.excluded()).extracting(excluded -> excluded.cell().params().get("precision"))
                .containsExactlyInAnyOrder("int8", "bf16");
        MachinePicks onGpu = merged.picks().get(1);
        BestPicks.ModelPicks gpuMinilm = onGpu.picks().models().get(0);
        assertThat(gpuMinilm.pick(Kind.ONLINE).orElseThrow().winner().params()).containsEntry("batch", "1");
        assertThat(gpuMinilm.pick(Kind.BATCH).orElseThrow().winner().params()).containsEntry("batch", "64");
    }

    @Test
    void twoRunsOfOneMachinePoolTheirCells() throws IOException {
        Path again = RunFolders.folder(dir, "laptop-again");
        RunFolders.writeJournal(again, List.<Cell>of(
                TestCells.measured(1, cell("minilm", "fp32", "1", "0"), RunFolders.sampleTime(12.0, 12.0))));
        RunFolders.writeEnv(again, "aaaa000000000001", "laptop", "AMD EPYC", List.of(), RunFolders.software("1.24.0"));

        MergedRuns merged = RunMerger.merge(List.of(laptop, again), 50);

        assertThat(merged.picks()).hasSize(1);
        MachinePicks machine = merged.picks().get(0);
        assertThat(machine.runs()).containsExactly("laptop-run", "laptop-again");
        Cell online = machine.picks().models().get(0).pick(Kind.ONLINE).orElseThrow().winner();
        assertThat(machine.run(online)).isEqualTo("laptop-again");
        // Renumbered across the machine's runs: no two cells share an index.
        assertThat(machine.picks().models().get(0).excluded()).extracting(e -> e.cell().index())
                .doesNotHaveDuplicates();
    }

    @Test
    void writesTheCsvAndPrintsTheBestCells() throws IOException {
        Path csv = dir.resolve("all.csv");
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.FRANCE);
            assertThat(run(laptop.toString(), gpuBox.toString(), "--out", csv.toString())).isZero();
        } finally {
            Locale.setDefault(before);
        }

        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(9);
        assertThat(lines.get(0)).isEqualTo("run,host,cpu_model,gpu_models,hardware_key,model,precision,batch,threads,"
                + "status,p50_ms,p99_ms,throughput_per_s,max_rate_per_s");
        assertThat(lines.get(1))
                .isEqualTo("laptop-run,laptop,AMD EPYC,,aaaa000000000001,minilm,fp32,1,1,OK,30,32.16,33.3333333333333,");
        assertThat(lines.get(5)).isEqualTo("laptop-run,laptop,AMD EPYC,,aaaa000000000001,minilm,bf16,1,0,PRUNED,,,,");
        assertThat(lines.get(6)).startsWith("gpu-run,gpu-box,Intel Xeon,NVIDIA H100; NVIDIA H100,bbbb000000000002,");
        assertThat(lines.get(8)).endsWith(",FAILED,,,,");

        String report = out.toString();
        assertThat(report).contains("aaaa000000000001: laptop, AMD EPYC (runs: laptop-run)",
                "bbbb000000000002: gpu-box, Intel Xeon, NVIDIA H100 + NVIDIA H100 (runs: gpu-run)",
                "wrote " + csv + " (8 rows from 2 runs)");
        assertThat(report).contains("online: p99 ms @ batch 1", "batch: samples/s", "SLA p99 <= 50 ms: samples/s");
        assertThat(report.lines().filter(line -> line.startsWith("aaaa000000000001  minilm")).findFirst()
                .orElseThrow()).contains("precision=fp32 batch=1 threads=0", "precision=fp32 batch=8 threads=0")
                .doesNotContain("int8");
        assertThat(report.lines().filter(line -> line.startsWith("bbbb000000000002  minilm")).findFirst()
                .orElseThrow()).contains("batch=64");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aRunFolderWithoutEnvJsonIsOneLineAndExitTwo() throws IOException {
        Files.delete(gpuBox.resolve(RunLayout.ENV));

        assertThat(run(laptop.toString(), gpuBox.toString(), "--out", dir.resolve("x.csv").toString())).isEqualTo(2);

        assertThat(err.toString()).startsWith("harness: ").contains(RunLayout.ENV + ": no such file").hasLineCount(1);
    }

    @Test
    void aMissingFolderOrNoFolderIsExitTwo() {
        assertThat(run(dir.resolve("nope").toString(), "--out", dir.resolve("x.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no such run folder");
        assertThat(run()).isEqualTo(2);
    }
}
