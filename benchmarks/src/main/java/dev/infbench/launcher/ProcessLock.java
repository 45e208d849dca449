package dev.infbench.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infbench.env.FileErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * An exclusive lock on a file, held for as long as this process runs something, with a note of who holds it written
 * into the file. Liveness comes from the operating system's lock alone: it is released when the holder exits, however
 * it exits, so a killed run never leaves a stale lock (a pid file would, and pids are reused). The note only names
 * the holder for the message another process prints.
 *
 * <p>The file is never opened by any other code of the holding process: on POSIX systems closing any descriptor of a
 * locked file drops the process's lock on it.
 */
final class ProcessLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private ProcessLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Who holds a lock, as its note says. */
    record Holder(String runFolder, long pid, String since, boolean alive) {
        /** e.g. {@code run folder results/x (pid 4242, since 2026-12-02T01:00:00Z)}. */
        String describe() {
            return "run folder " + runFolder + " (pid " + pid + ", since " + since + ")";
        }
    }

    /**
     * Takes the lock, or returns empty when another process holds it. {@code runFolder} goes into the note.
     *
     * @throws IOException when the file cannot be opened at all
     */
    static Optional<ProcessLock> tryAcquire(Path file, Path runFolder) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this very JVM holds it already
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            return Optional.empty();
        }
        ObjectNode note = JsonSupport.MAPPER.createObjectNode();
        note.put("holder", "infbench");
        note.put("run_folder", runFolder.toAbsolutePath().normalize().toString());
        note.put("pid", ProcessHandle.current().pid());
        note.put("since", Instant.now().toString());
        byte[] bytes = (JsonSupport.MAPPER.writeValueAsString(note) + "\n").getBytes(StandardCharsets.UTF_8);
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(bytes), 0);
        ch.force(false);
        return Optional.of(new ProcessLock(file, ch, lock));
    }

    /**
     * The holder named in a lock file's note, when the note is an infbench one; reads the file without locking it.
     * A note whose process has exited belongs to an earlier holder: {@code alive} says which.
     */
    static Optional<Holder> holder(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length == 0 || bytes.length > 65_536) {
                return Optional.empty();
            }
            JsonNode note = JsonSupport.MAPPER.readTree(bytes);
            if (note == null || !"infbench".equals(note.path("holder").asText())) {
                return Optional.empty();
            }
            long pid = note.path("pid").asLong();
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return Optional.of(new Holder(note.path("run_folder").asText(), pid, note.path("since").asText(), alive));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    Path file() {
        return file;
    }

    /** Clears the note and releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            if (channel.isOpen()) {
                channel.truncate(0);
            }
        } catch (IOException e) {
            // the lock goes either way; a stale note is read as such
        } finally {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        }
    }

    /** One line on a failure to open a lock file. */
    static String cannotOpen(Path file, IOException e) {
        return "cannot open the lock file " + file + ": " + FileErrors.reason(e);
    }
}
