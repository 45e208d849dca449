package dev.infbench.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run per host: the lock is held for the whole run, a second taker is told who holds it. */
class HostLockTest {

    @Test
    void aSecondRunIsRefusedNamingTheFirstRunsFolderUntilItEnds(@TempDir Path dir) throws Exception {
        Path lockFile = dir.resolve("jmh.lock");
        Path first = dir.resolve("results/first");
        try (ProcessLock held = HostLock.acquire(lockFile, first)) {
            assertThat(ProcessLock.holder(lockFile)).get().satisfies(h -> {
                assertThat(h.runFolder()).isEqualTo(first.toAbsolutePath().toString());
                assertThat(h.pid()).isEqualTo(ProcessHandle.current().pid());
                assertThat(h.alive()).isTrue();
            });
            assertThatThrownBy(() -> HostLock.acquire(lockFile, dir.resolve("results/second")))
                    .isInstanceOf(BusyException.class)
                    .hasMessageContaining("this host is busy: another infbench run holds it: run folder "
                            + first.toAbsolutePath());
            // The refusal and the holder's note were answered without reopening the file, which would have dropped
            // this process's lock: another process still cannot take it.
            assertThat(otherProcessLocks(lockFile)).isFalse();
        }
        assertThat(otherProcessLocks(lockFile)).as("released").isTrue();
        assertThat(lockFile).as("the note is cleared when the run ends").isEmptyFile();
        try (ProcessLock again = HostLock.acquire(lockFile, dir.resolve("results/second"))) {
            assertThat(ProcessLock.holder(lockFile)).get().extracting(ProcessLock.Holder::runFolder)
                    .isEqualTo(dir.resolve("results/second").toAbsolutePath().toString());
        }
    }

    @Test
    void aPlainJmhHolderIsNamedAsSuch(@TempDir Path dir) throws Exception {
        Path lockFile = dir.resolve("jmh.lock");
        // JMH itself locks the file and writes nothing into it.
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock jmh = ch.lock()) {
            assertThatThrownBy(() -> HostLock.acquire(lockFile, dir.resolve("run")))
                    .isInstanceOf(BusyException.class)
                    .hasMessageContaining("another JMH process holds it (not an infbench run");
        }
    }

    @Test
    void aNoteLeftByAKilledRunDoesNotBlockTheNextOne(@TempDir Path dir) throws Exception {
        Path lockFile = dir.resolve("jmh.lock");
        // A run killed with SIGKILL leaves its note; the lock itself went with its process.
        Files.writeString(lockFile, "{\"holder\":\"infbench\",\"run_folder\":\"/gone\",\"pid\":2147483646,"
                + "\"since\":\"2026-01-01T00:00:00Z\"}\n");
        assertThat(ProcessLock.holder(lockFile)).get().extracting(ProcessLock.Holder::alive).isEqualTo(false);

        try (ProcessLock lock = HostLock.acquire(lockFile, dir.resolve("run"))) {
            assertThat(Files.readString(lockFile)).contains(dir.resolve("run").toString()).doesNotContain("/gone");
        }
    }

    /** Whether a separate JVM gets the lock right now (POSIX locks are per process: only another one can tell). */
    private static boolean otherProcessLocks(Path file) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LockProbe.class.getName(), file.toString()).inheritIO().start();
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return p.exitValue() == 0;
    }

    @Test
    void theLockFileIsJmhsOwnForThisJvm() {
        assertThat(HostLock.file()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock"));
    }
}
