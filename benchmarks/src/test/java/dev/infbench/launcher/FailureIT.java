package dev.infbench.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infbench.format.RunLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failed, killed and interrupted cells: the sweep goes on, and nothing already measured is lost. */
class FailureIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Long enough measurement that a test can reach into the middle of a cell. */
    private static final List<String> SLOW = List.of("-f", "1", "-wi", "1", "-w", "200ms", "-i", "3", "-r", "1s");

    @Test
    void aFailingCellBecomesAFailedRowAndTheSweepGoesOn(@TempDir Path dir) throws Exception {
        JarRunner.Result r = JarRunner.run(dir, JarRunner.args(List.of("-p", "seq=8",
                "-p", "options=none,fault:throw,fault:halt", "--out", "runs", "--run-id", "f"), JarRunner.QUICK));

        assertThat(r.exit()).as(r.all()).isEqualTo(3);
        List<JsonNode> journal = journal(dir.resolve("runs/f"));
        assertThat(journal).extracting(e -> e.path("status").asText()).containsExactly("OK", "FAILED", "FAILED");
        assertThat(journal.get(1).path("reason").asText()).contains("fault injected on purpose");
        assertThat(journal.get(2).path("reason").asText()).contains("exit status 134")
                .contains("its stderr: fault injected on purpose (options=fault:halt)");
        assertThat(JSON.readTree(dir.resolve("runs/f/" + RunLayout.JMH).toFile())).hasSize(1);
        assertThat(Files.readString(dir.resolve("runs/f/" + RunLayout.RESULTS_CSV))).contains("FAILED");
        assertThat(r.out()).contains("FAILED");
    }

    /**
     * bf16 through DJL aborts the whole JVM: such cells are pruned, never attempted; a fork that aborts anyway (here on
     * purpose, with the test option abort:bf16) is a FAILED row and the next cell runs.
     */
    @Test
    void aForkThatLibtorchAbortsIsAFailedRow(@TempDir Path dir) throws Exception {
        JarRunner.Result r = JarRunner.run(dir, JarRunner.args(List.of("-p", "model=smallcnn", "-p", "backend=pytorch",
                "-p", "options=abort:bf16,none", "--out", "runs", "--run-id", "a"), JarRunner.QUICK));

        assertThat(r.exit()).as(r.all()).isEqualTo(3);
        List<JsonNode> journal = journal(dir.resolve("runs/a"));
        assertThat(journal).extracting(e -> e.path("status").asText()).containsExactly("FAILED", "OK");
        assertThat(journal.get(0).path("reason").asText()).contains("forked JVM died");
        assertThat(journal.get(1).path("effective").path("backend").asText()).startsWith("pytorch 2.7.1");
    }

    @Test
    void aForkKilledMidSweepLeavesEarlierCellsUntouched(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("runs/k");
        Process launcher = JarRunner.builder(dir, JarRunner.args(List.of("-p", "seq=8", "-p", "batch=1,2,3",
                "--out", "runs", "--run-id", "k"), SLOW)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile()).start();
        try {
            byte[] before = waitForJournalLines(run, 1, launcher);
            ProcessHandle fork = waitForFork(launcher);
            // Let the fork get into its measurement before killing it.
            Thread.sleep(1500);
            assertThat(fork.destroyForcibly()).isTrue(); // SIGKILL
            assertThat(launcher.waitFor(5, TimeUnit.MINUTES)).isTrue();

            assertThat(launcher.exitValue()).isEqualTo(3);
            byte[] after = Files.readAllBytes(run.resolve(RunLayout.JOURNAL));
            assertThat(prefix(after, before.length)).isEqualTo(before);
            // In the order the forks ran (a round's order is shuffled): the second fork was the one killed.
            List<JsonNode> journal = inFileOrder(run);
            assertThat(journal).extracting(e -> e.path("status").asText()).containsExactly("OK", "FAILED", "OK");
            assertThat(journal.get(1).path("reason").asText()).contains("137");
        } finally {
            kill(launcher);
        }
    }

    @Test
    void aKilledLauncherLosesNothingAndResumeFinishesTheRest(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("runs/r");
        Process launcher = JarRunner.builder(dir, JarRunner.args(List.of("-p", "seq=8", "-p", "batch=1,2,3",
                "--out", "runs", "--run-id", "r"), SLOW)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile()).start();
        byte[] before;
        try {
            before = waitForJournalLines(run, 1, launcher);
            waitForFork(launcher);
        } finally {
            kill(launcher); // SIGKILL the launcher and its fork mid-cell
        }
        assertThat(Files.readAllBytes(run.resolve(RunLayout.JOURNAL))).isEqualTo(before);
        assertThat(JSON.readTree(run.resolve(RunLayout.RUN).toFile()).path("state").asText()).isEqualTo("running");

        JarRunner.Result r = JarRunner.run(dir, List.of("--resume", run.toString()));

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("2 to run now, 1 already in the journal");
        byte[] after = Files.readAllBytes(run.resolve(RunLayout.JOURNAL));
        assertThat(prefix(after, before.length)).isEqualTo(before);
        List<JsonNode> journal = journal(run);
        assertThat(journal).extracting(e -> e.path("params").path("batch").asText()).containsExactly("1", "2", "3");
        assertThat(JSON.readTree(run.resolve(RunLayout.JMH).toFile())).hasSize(3);
        JsonNode runJson = JSON.readTree(run.resolve(RunLayout.RUN).toFile());
        assertThat(runJson.path("state").asText()).isEqualTo("complete");
        assertThat(runJson.path("resumed_at")).hasSize(1);
    }

    @Test
    void roundsInterleaveTheCellsAndAKilledLauncherResumesMidRoundWithNoForkLostOrRepeated(@TempDir Path dir)
            throws Exception {
        Path run = dir.resolve("runs/rounds");
        List<String> threeRounds = List.of("-f", "3", "-wi", "1", "-w", "200ms", "-i", "1", "-r", "500ms");
        Process launcher = JarRunner.builder(dir, JarRunner.args(List.of("-p", "seq=8", "-p", "batch=1,2",
                "--out", "runs", "--run-id", "rounds", "--seed", "42"), threeRounds)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile()).start();
        byte[] before;
        try {
            // Round 1 (two forks) and the first fork of round 2 are in; kill the launcher in the middle of round 2.
            before = waitForJournalLines(run, 3, launcher);
        } finally {
            kill(launcher);
        }
        JsonNode manifest = JSON.readTree(run.resolve(RunLayout.RUN).toFile());
        assertThat(manifest.path("rounds").path("minimum").asInt()).isEqualTo(3);
        assertThat(manifest.path("rounds").path("shuffle_seed").asLong()).isEqualTo(42);

        JarRunner.Result r = JarRunner.run(dir, List.of("--resume", run.toString()));

        assertThat(r.exit()).as(r.all()).isZero();
        byte[] after = Files.readAllBytes(run.resolve(RunLayout.JOURNAL));
        assertThat(prefix(after, before.length)).isEqualTo(before);
        List<JsonNode> forks = inFileOrder(run);
        // Every (cell, round) exactly once: nothing lost, nothing run twice.
        assertThat(forks).extracting(e -> e.path("index").asInt() + "/" + e.path("round").asInt())
                .hasSize(6).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder("1/1", "2/1", "1/2", "2/2", "1/3", "2/3");
        // Interleaved in time: all forks of a round end before any fork of the next begins.
        for (int i = 1; i < forks.size(); i++) {
            assertThat(forks.get(i).path("round").asInt()).isGreaterThanOrEqualTo(forks.get(i - 1).path("round")
                    .asInt());
            assertThat(forks.get(i).path("started_at").asText())
                    .isGreaterThanOrEqualTo(forks.get(i - 1).path("finished_at").asText());
        }
        // The first fork of each cell ran the accuracy gate; the later ones checked their outputs against it.
        for (JsonNode f : forks) {
            assertThat(f.has("accuracy")).as(f.toString()).isEqualTo(f.path("round").asInt() == 1);
            assertThat(f.path("probes").get(0).path("compute_mops").asDouble()).isPositive();
        }
        JsonNode jmh = JSON.readTree(run.resolve(RunLayout.JMH).toFile());
        assertThat(jmh).hasSize(2).allSatisfy(cell -> assertThat(cell.path("forks").asInt()).isEqualTo(3));
        assertThat(r.out()).contains("2 cells: 2 to run now, 0 already in the journal, 0 pruned; ")
                .contains(" in 3 interleaved rounds (shuffle seed 42)");
    }

    private static List<JsonNode> journal(Path run) throws IOException {
        return inFileOrder(run).stream().sorted(java.util.Comparator.comparingInt((JsonNode e) -> e.path("index")
                .asInt()).thenComparingInt(e -> e.path("round").asInt())).toList();
    }

    private static List<JsonNode> inFileOrder(Path run) throws IOException {
        return Files.readAllLines(run.resolve(RunLayout.JOURNAL), StandardCharsets.UTF_8).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new AssertionError("journal line is not JSON: " + l, e);
            }
        }).toList();
    }

    private static byte[] waitForJournalLines(Path run, int lines, Process launcher) throws Exception {
        Path journal = run.resolve(RunLayout.JOURNAL);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!launcher.isAlive()) {
                throw new AssertionError("launcher ended early with " + launcher.exitValue());
            }
            if (Files.exists(journal)) {
                byte[] bytes = Files.readAllBytes(journal);
                long n = new String(bytes, StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count();
                if (n >= lines) {
                    return bytes;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("journal never reached " + lines + " lines");
    }

    private static ProcessHandle waitForFork(Process launcher) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> fork = launcher.descendants()
                    .filter(h -> h.info().commandLine().orElse("").contains("ForkedMain")).findFirst();
            if (fork.isPresent()) {
                return fork.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no forked JVM appeared");
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] prefix(byte[] bytes, int n) {
        return java.util.Arrays.copyOf(bytes, Math.min(n, bytes.length));
    }
}
