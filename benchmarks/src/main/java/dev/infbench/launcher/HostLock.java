package dev.infbench.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One run per host, for the whole run. JMH takes its own lock ({@code java.io.tmpdir/jmh.lock}) per
 * {@code Runner.run()}, that is per cell here, so another JMH process could slip in between two cells, and while
 * another holds it every cell would fail. The launcher instead holds that very file locked for the entire run, so
 * any other JMH process on the host (another launcher, a plain JMH jar) is kept out, and runs JMH with its own check
 * off ({@code jmh.ignoreLock}, set before JMH's Runner class loads). A second launcher is refused up front.
 *
 * <p>The project's tests give each launcher a private {@code java.io.tmpdir}, so a build can be tested while a sweep
 * runs on the same machine.
 */
final class HostLock {
    /** JMH's property that turns its per-run lock check off. */
    static final String JMH_IGNORE_LOCK = "jmh.ignoreLock";

    private HostLock() {
    }

    /** JMH's lock file for this JVM's temporary folder, as JMH's Runner names it. */
    static Path file() {
        return Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
    }

    /**
     * Takes the host for the run writing {@code runFolder}.
     *
     * @throws BusyException naming the holder when another process holds it
     * @throws CannotRunException when the lock file cannot be used at all (another user's, a read-only folder)
     */
    static ProcessLock acquire(Path runFolder) throws BusyException, CannotRunException {
        return acquire(file(), runFolder);
    }

    /** Takes {@code file} as the host lock for the run writing {@code runFolder}. */
    static ProcessLock acquire(Path file, Path runFolder) throws BusyException, CannotRunException {
        Optional<ProcessLock> lock;
        try {
            lock = ProcessLock.tryAcquire(file, runFolder);
        } catch (IOException e) {
            throw new CannotRunException(ProcessLock.cannotOpen(file, e) + "; JMH keeps one run per host with it (if"
                    + " another user's run made it, give this run a temporary folder of its own with"
                    + " -Djava.io.tmpdir=DIR, knowing the two runs then share the machine) (nothing was run)");
        }
        // JMH makes the file writable by everyone, so that other users' runs can lock it too.
        file.toFile().setWritable(true, false);
        if (lock.isPresent()) {
            return lock.get();
        }
        Optional<ProcessLock.Holder> holder = ProcessLock.holder(file);
        String who = holder.map(h -> h.alive() ? "another infbench run holds it: " + h.describe()
                : "a process this one cannot see holds it (its note names infbench " + h.describe() + ", not a live"
                + " process here: another container or namespace, or a JMH run that began after that one ended)")
                .orElse("another JMH process holds it (not an infbench run; JMH holds it for the whole of its run)");
        throw new BusyException("this host is busy: " + who + " [" + file + "]; one run per host keeps timings"
                + " honest; wait for it to finish, then run again");
    }
}
