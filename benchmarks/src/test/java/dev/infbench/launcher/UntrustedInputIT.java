package dev.infbench.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infbench.format.RunLayout;
import dev.infbench.harness.MarkdownAudit;
import dev.infbench.model.ModelVariant;
import dev.infbench.model.TinyOnnxModels.Holder;
import dev.infbench.model.TinyOnnxModels;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The suite tried as a hostile or careless user would: model files whose external data points anywhere, a second run
 * on a busy host, a live folder resumed, file names full of markup and escape sequences, a full disk, a machine
 * whose loopback is down. Every case ends in one clear line or a plain reason, and nothing outside is read.
 */
class UntrustedInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"absolute", "dot-dot", "symlink", "constant-node", "subgraph", "ort-memory-marker"})
    void externalDataOutsideTheModelsFolderIsRefusedAndTheCanaryIsNeverRead(String how, @TempDir Path dir)
            throws Exception {
        Path canary = Files.write(dir.resolve("canary.bin"), new byte[4096]);
        Path models = Files.createDirectories(dir.resolve("models"));
        Path model = switch (how) {
            case "absolute" -> TinyOnnxModels.withExternalWeight(models, "m.onnx", canary.toString(),
                    Holder.INITIALIZER, false);
            case "dot-dot" -> TinyOnnxModels.withExternalWeight(models, "m.onnx", "../canary.bin",
                    Holder.INITIALIZER, false);
            case "symlink" -> {
                Files.createSymbolicLink(models.resolve("weights.bin"), canary);
                yield TinyOnnxModels.withExternalWeight(models, "m.onnx", "weights.bin", Holder.INITIALIZER, false);
            }
            case "constant-node" -> TinyOnnxModels.withExternalWeight(models, "m.onnx", "../canary.bin",
                    Holder.CONSTANT_NODE, false);
            case "subgraph" -> TinyOnnxModels.withExternalWeight(models, "m.onnx", "../canary.bin",
                    Holder.SUBGRAPH, false);
            case "ort-memory-marker" -> TinyOnnxModels.withExternalWeight(models, "m.onnx", "*/_ORT_MEM_ADDR_/*",
                    Holder.INITIALIZER, false);
            default -> throw new IllegalArgumentException(how);
        };
        FileTime backdated = backdate(canary);
        requireReadsUpdateAccessTimes(dir);

        JarRunner.Result r = JarRunner.run(dir, JarRunner.args(List.of("-p", "model=" + model,
                "-p", "precision=fp32,int8", "--out", "runs"), JarRunner.QUICK));

        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).contains("has external data at").doesNotContain("Exception");
        assertThat(accessTime(canary)).as("the canary was read").isEqualTo(backdated);
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void aModelWithItsWeightsBesideItRunsFromAnotherFolderAtEveryPrecision(@TempDir Path dir) throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        Path model = TinyOnnxModels.withExternalWeight(models, "m.onnx", "w.bin", Holder.INITIALIZER, true);
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));

        JarRunner.Result r = JarRunner.run(elsewhere, JarRunner.args(List.of("-p", "model=" + model,
                "-p", "precision=fp32,fp16,int8", "--out", "runs", "--run-id", "ext"), JarRunner.QUICK));

        assertThat(r.exit()).as(r.all()).isZero();
        List<JsonNode> journal = journal(elsewhere.resolve("runs/ext"));
        assertThat(journal).extracting(e -> e.path("status").asText()).containsExactly("OK", "OK", "OK");
        JsonNode fp32 = journal.get(0).path("effective");
        assertThat(fp32.path("external_data").asText()).contains("w.bin").contains(models.toRealPath().toString());
        assertThat(fp32.path("model_sha256").asText()).as("the identity covers w.bin")
                .isNotEqualTo(ModelVariant.sha256(Files.readAllBytes(model)));
        assertThat(journal.get(2).path("accuracy").path("min_cosine").asDouble()).isGreaterThan(0.98);
    }

    @Test
    void aSecondRunOnABusyHostIsRefusedUpFrontAndALiveFolderCannotBeResumed(@TempDir Path dir) throws Exception {
        Path model = TinyOnnxModels.withExternalWeight(Files.createDirectories(dir.resolve("models")), "m.onnx",
                "w.bin", Holder.INITIALIZER, true);
        Path sharedTmp = dir.resolve("host-tmp"); // the host both launchers run on
        Path firstOut = dir.resolve("first.out");
        Process first = JarRunner.builder(dir, sharedTmp, List.of("-p", "model=" + model, "-f", "1", "-wi", "1",
                        "-w", "500ms", "-i", "3", "-r", "2s", "--out", "runs", "--run-id", "first"))
                .redirectOutput(firstOut.toFile()).redirectError(dir.resolve("first.err").toFile()).start();
        try {
            waitFor(firstOut, "[1/1] cell 1", first);

            JarRunner.Result second = JarRunner.run(JarRunner.builder(dir, sharedTmp, JarRunner.args(List.of(
                    "-p", "model=" + model, "--out", "runs", "--run-id", "second"), JarRunner.QUICK)), dir);
            assertThat(second.exit()).as(second.all()).isEqualTo(Launcher.BUSY);
            assertThat(second.err().strip().lines()).hasSize(1);
            assertThat(second.err()).contains("this host is busy: another infbench run holds it: run folder "
                    + dir.resolve("runs/first").toRealPath()).contains("pid " + first.pid());
            assertThat(dir.resolve("runs/second")).doesNotExist();

            // Resumed from another host (its own lock): the folder's writer is still alive.
            JarRunner.Result resume = JarRunner.run(JarRunner.builder(dir, List.of("--resume", "runs/first")), dir);
            assertThat(resume.exit()).as(resume.all()).isEqualTo(Launcher.BUSY);
            assertThat(resume.err()).contains("another launcher is still writing this run folder");
            assertThat(first.isAlive()).as("the checks ran while the first run held the host").isTrue();
        } catch (Throwable t) {
            first.descendants().forEach(ProcessHandle::destroyForcibly);
            first.destroyForcibly();
            throw t;
        }
        assertThat(first.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(first.exitValue()).as(Files.readString(firstOut)).isZero();
        List<JsonNode> journal = journal(dir.resolve("runs/first"));
        assertThat(journal).extracting(e -> e.path("status").asText()).containsExactly("OK");

        JarRunner.Result after = JarRunner.run(JarRunner.builder(dir, sharedTmp, List.of("--resume", "runs/first")),
                dir);
        assertThat(after.exit()).as(after.all()).isZero();
        assertThat(after.out()).contains("0 to run now, 1 already in the journal");
    }

    @Test
    void aHostileFileNameStaysTextInEveryOutputAndAScalarInputRuns(@TempDir Path dir) throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        String name = "<img src=x onerror=alert(1)> | \u001b[31mred\u001b]0;title\u0007\n# heading.onnx";
        Path hostile = Files.move(TinyOnnxModels.withExternalWeight(models, "tmp.onnx", "w.bin",
                Holder.INITIALIZER, true), models.resolve(name));
        Path scalar = TinyOnnxModels.scalarInput(models);

        JarRunner.Result r = JarRunner.run(dir, JarRunner.args(List.of("-p", "model=" + hostile + "," + scalar,
                "--out", "runs", "--run-id", "names"), JarRunner.QUICK));

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.all()).as("console").doesNotContain("\u001b", "\u0007");
        Path run = dir.resolve("runs/names");
        List<JsonNode> journal = journal(run);
        assertThat(journal).extracting(e -> e.path("status").asText()).containsExactly("OK", "OK");
        assertThat(journal.get(1).path("accuracy").path("metric").asText()).isEqualTo("whole-output");

        for (String md : List.of(RunLayout.BEST_MD, RunLayout.SUMMARY_MD)) {
            String text = Files.readString(run.resolve(md));
            MarkdownAudit audit = MarkdownAudit.of(text);
            assertThat(audit.html()).as(md + ":\n" + text).isEmpty();
            assertThat(text).as(md).doesNotContain("\u001b");
            assertThat(audit.tables()).as(md).allSatisfy(table -> assertThat(table)
                    .allSatisfy(row -> assertThat(row).hasSize(table.get(0).size())));
        }
        assertThat(MarkdownAudit.of(Files.readString(run.resolve(RunLayout.BEST_MD))).headings()
                .stream().filter(h -> h.startsWith("Best configurations")).toList()).hasSize(2)
                .first().asString().contains("<img src=x onerror=alert(1)> | ");
        List<List<String>> table = MarkdownAudit.of(Files.readString(run.resolve(RunLayout.SUMMARY_MD))).tables()
                .get(0);
        assertThat(table).hasSize(3);
        String shown = hostile.toString().replace('\u001b', ' ').replace('\u0007', ' ').replace('\n', ' ');
        assertThat(table.get(1).get(table.get(0).indexOf("model"))).as("the model cell, whole").isEqualTo(shown);
        String html = Files.readString(run.resolve(RunLayout.REPORT_HTML));
        assertThat(html).doesNotContain("<img src=x", "\u001b").contains("&lt;img src=x onerror=alert(1)&gt;");
        try (Reader in = Files.newBufferedReader(run.resolve(RunLayout.RESULTS_CSV), StandardCharsets.UTF_8)) {
            List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().build().parse(in).getRecords();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).get("model")).as("the CSV keeps the path exactly").isEqualTo(hostile.toString());
        }
    }

    @Test
    void environmentProblemsGetOneLineSayingWhatToDo(@TempDir Path dir) throws Exception {
        Path model = TinyOnnxModels.withExternalWeight(Files.createDirectories(dir.resolve("models")), "m.onnx",
                "w.bin", Holder.INITIALIZER, true);
        Path notAFolder = Files.writeString(dir.resolve("a-file"), "x");

        ProcessBuilder cache = JarRunner.builder(dir, JarRunner.args(List.of("-p", "model=" + model,
                "-p", "precision=fp16", "--out", "runs"), JarRunner.QUICK));
        cache.environment().put("INFBENCH_CACHE", notAFolder.resolve("cache").toString());
        oneLine(JarRunner.run(cache, dir), Launcher.USAGE, "cannot write to the model cache", "set INFBENCH_CACHE");

        oneLine(JarRunner.run(dir, List.of("-p", "model=" + model, "--out", notAFolder.resolve("runs").toString())),
                Launcher.USAGE, "cannot create the run folder", "--out", "nothing was run");
        oneLine(JarRunner.run(dir, List.of("-p", "model=" + dir.resolve("models"), "--out", "runs")),
                Launcher.USAGE, "is a folder, not a model file");
        oneLine(JarRunner.run(dir, List.of("-p", "model=" + model, "--run-id", "../escape")), Launcher.USAGE,
                "a run id is a plain folder name");
        assertThat(dir.resolve("runs")).doesNotExist();
        assertThat(dir.getParent().resolve("escape")).doesNotExist();

        Assumptions.assumeTrue(canRun("unshare", "-n", "true"), "unshare -n (a network namespace) is not allowed here");
        List<String> cmd = new ArrayList<>(List.of("unshare", "-n"));
        cmd.addAll(JarRunner.builder(dir, List.of("-p", "model=" + model, "--out", "runs")).command());
        oneLine(JarRunner.run(new ProcessBuilder(cmd).directory(dir.toFile()), dir), Launcher.FAILED,
                "loopback interface",
                "ip link set lo up", "nothing was run");
    }

    @Test
    void aFullDiskStopsTheRunWithOneLineAndResumeFinishesIt(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(canRun("unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"),
                "a private tmpfs (unshare -m, mount) is not allowed here");
        Path model = TinyOnnxModels.withExternalWeight(Files.createDirectories(dir.resolve("models")), "m.onnx",
                "w.bin", Holder.INITIALIZER, true);
        Path disk = Files.createDirectories(dir.resolve("disk"));
        String launcher = String.join(" ", JarRunner.builder(dir, List.of()).command().stream()
                .map(UntrustedInputIT::quote).toList());
        String args = "-p model=" + quote(model.toString()) + " -p batch=1,2 " + String.join(" ", JarRunner.QUICK)
                + " --out " + quote(disk + "/runs") + " --run-id full";
        // A 2 MiB disk of its own: the first cell is written, then the disk is filled before the second ends.
        String script = String.join("\n",
                "set -u",
                "mount -t tmpfs -o size=2m tmpfs " + quote(disk.toString()) + " || exit 90",
                launcher + " " + args + " > first.out 2> first.err &",
                "pid=$!",
                "n=0; while ! grep -q '^\\[1/2\\] OK' first.out; do sleep 0.1; n=$((n+1)); "
                        + "[ $n -gt 1200 ] && break; done",
                "dd if=/dev/zero of=" + quote(disk + "/filler") + " bs=4k 2>/dev/null",
                "wait $pid; echo $? > first.exit",
                "cp -r " + quote(disk + "/runs/full") + " after-failure",
                "rm " + quote(disk + "/filler"),
                launcher + " --resume " + quote(disk + "/runs/full") + " > resume.out 2> resume.err",
                "echo $? > resume.exit",
                "cp -r " + quote(disk + "/runs/full") + " after-resume", "");
        Files.writeString(dir.resolve("full-disk.sh"), script);

        Process p = new ProcessBuilder("unshare", "-m", "sh", "full-disk.sh").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("script.log").toFile()).start();
        assertThat(p.waitFor(4, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("script.log"))).isZero();

        String err = Files.readString(dir.resolve("first.err"));
        assertThat(Files.readString(dir.resolve("first.exit")).strip()).as(err).isEqualTo("3");
        List<String> lines = err.lines().filter(l -> !l.startsWith("infbench: warning:")).toList();
        assertThat(lines).as(err).hasSize(1);
        assertThat(lines.get(0)).contains("no space left on device", "the journal keeps the 1 cell",
                "free disk space", "--resume " + disk + "/runs/full").doesNotContain("Exception");
        Path failed = dir.resolve("after-failure");
        try (var files = Files.list(failed)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(f -> f.contains(".tmp"));
        }
        assertThat(journal(failed)).extracting(e -> e.path("status").asText()).containsExactly("OK");
        assertThat(JSON.readTree(failed.resolve(RunLayout.RUN).toFile()).path("state").asText())
                .isEqualTo("interrupted");

        assertThat(Files.readString(dir.resolve("resume.exit")).strip())
                .as(Files.readString(dir.resolve("resume.err"))).isEqualTo("0");
        Path resumed = dir.resolve("after-resume");
        assertThat(journal(resumed)).extracting(e -> e.path("status").asText()).containsExactly("OK", "OK");
        assertThat(JSON.readTree(resumed.resolve(RunLayout.RUN).toFile()).path("state").asText()).isEqualTo("complete");
    }

    private static void oneLine(JarRunner.Result r, int exit, String... words) {
        assertThat(r.exit()).as(r.all()).isEqualTo(exit);
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).contains(words).doesNotContain("Exception", "\tat ");
    }

    private static void waitFor(Path out, String text, Process p) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(out) && Files.readString(out).contains(text)) {
                return;
            }
            if (!p.isAlive()) {
                fail("the first launcher ended before printing '" + text + "': " + Files.readString(out));
            }
            Thread.sleep(100);
        }
        fail("the first launcher never printed '" + text + "'");
    }

    private static boolean canRun(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Sets the file's access time a day before its modification time, where a read under relatime updates it. */
    private static FileTime backdate(Path file) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        FileTime old = FileTime.from(modified.toInstant().minus(1, ChronoUnit.DAYS));
        Files.setAttribute(file, "lastAccessTime", old);
        return accessTime(file);
    }

    /** A control read of another file must move its access time, or the canary could not show a read. */
    private static void requireReadsUpdateAccessTimes(Path dir) throws IOException {
        Path control = Files.write(dir.resolve("control.bin"), new byte[4096]);
        FileTime before = backdate(control);
        Files.readAllBytes(control);
        if (accessTime(control).equals(before)) {
            fail("reads do not update access times on " + dir + " (mounted noatime?): the canary test cannot see"
                    + " a read here");
        }
    }

    private static FileTime accessTime(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).lastAccessTime();
    }

    private static List<JsonNode> journal(Path run) throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve(RunLayout.JOURNAL), StandardCharsets.UTF_8)) {
            entries.add(JSON.readTree(line));
        }
        entries.sort(java.util.Comparator.comparingInt(e -> e.path("index").asInt()));
        return entries;
    }
}
