package dev.infbench.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs benchmarks.jar as a user would, in its own process, for the end-to-end tests. */
final class JarRunner {
    /** Short iterations: these tests check behaviour, not speed. */
    static final List<String> QUICK_TIMING = List.of("-f", "1", "-wi", "1", "-w", "200ms", "-i", "2", "-r", "300ms");
    /** {@link #QUICK_TIMING} without the machine's peak (a few seconds each run), which one test checks. */
    static final List<String> QUICK = args(QUICK_TIMING, List.of("--no-peak"));

    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private JarRunner() {
    }

    static Path jar() {
        String p = System.getProperty("benchmarks.jar");
        if (p == null || !Files.isRegularFile(Path.of(p))) {
            throw new IllegalStateException("system property benchmarks.jar must name the shaded jar"
                    + " (run with mvn verify)");
        }
        return Path.of(p);
    }

    /**
     * The command, run in {@code workDir} with a temporary folder of its own ({@code workDir/tmp}): JMH's host lock
     * lives there, so the tests never contend with a sweep running on the same machine (nor with each other).
     */
    static ProcessBuilder builder(Path workDir, List<String> args) {
        return builder(workDir, workDir.resolve("tmp"), args);
    }

    /** Like {@link #builder(Path, List)} with the temporary folder (and so the host lock) given. */
    static ProcessBuilder builder(Path workDir, Path tmpDir, List<String> args) {
        return builder(workDir, tmpDir, List.of(), args);
    }

    /** Like {@link #builder(Path, Path, List)} with options for the launcher's JVM (before {@code -jar}). */
    static ProcessBuilder builder(Path workDir, Path tmpDir, List<String> jvmOptions, List<String> args) {
        try {
            Files.createDirectories(tmpDir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Djava.io.tmpdir=" + tmpDir.toAbsolutePath());
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar().toAbsolutePath().toString());
        cmd.addAll(args);
        return new ProcessBuilder(cmd).directory(workDir.toFile());
    }

    static Result run(Path workDir, List<String> args) throws IOException, InterruptedException {
        return run(builder(workDir, args), workDir);
    }

    /** Runs {@code b} to its end (8 minutes at most), its output kept in files of {@code workDir}. */
    static Result run(ProcessBuilder b, Path workDir) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        Process p = b.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(8, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("benchmarks.jar did not finish in 8 minutes: " + b.command());
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    static List<String> args(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
