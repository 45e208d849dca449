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
            List<JsonNode> journal = journal(run);
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

    private static List<JsonNode> journal(Path run) throws IOException {
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
