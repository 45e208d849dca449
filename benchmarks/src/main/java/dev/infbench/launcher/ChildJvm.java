package dev.infbench.launcher;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM that runs native code for the launcher (which never loads any itself): the model preparation, the
 * machine's peak. It gets the launcher's own JVM options and class path, its output is appended to a log, and a
 * child that dies, hangs past its time or writes nothing is one line naming its log's last line.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * Runs {@code main} with {@code args}; empty when it ended with status 0 and wrote a non-empty {@code result}
     * file, else why not.
     */
    static Optional<String> run(Class<?> main, List<String> args, Path result, Path log, long timeout,
                                TimeUnit unit, String what) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The launcher's own JVM options (heap, temporary folder, test properties), as JMH gives its forks.
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        boolean ended;
        try {
            ended = p.waitFor(timeout, unit);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + what, e);
        }
        if (!ended) {
            p.destroyForcibly();
            return Optional.of(failed("the JVM " + what + " did not finish in " + timeout + " "
                    + unit.name().toLowerCase(java.util.Locale.ROOT), log));
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(result) || Files.size(result) == 0) {
            return Optional.of(failed("the JVM " + what + " ended with " + FailureCause.exitStatus(p.exitValue()),
                    log));
        }
        return Optional.empty();
    }

    private static String failed(String why, Path log) throws IOException {
        String last = !Files.isRegularFile(log) ? "" : new String(Files.readAllBytes(log), StandardCharsets.UTF_8)
                .lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).map(l -> "; its last line: " + l.strip())
                .orElse("");
        return why + last + " (its output: " + log + ")";
    }
}
