package dev.infbench.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infbench.env.FileErrors;
import dev.infbench.format.Json;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on a file, held for as long as this process runs something, with a note of who holds it written
 * into the file. Liveness comes from the operating system's lock alone: it is released when the holder exits, however
 * it exits, so a killed run never leaves a stale lock (a pid file would, and pids are reused). The note only names
 * the holder for the message another process prints.
 *
 * <p>On POSIX systems closing any descriptor of a locked file drops the process's lock on it, so this JVM never opens
 * a file it holds a second time: the locks it holds are kept in {@link #HELD}, and asking for one of them, or for its
 * holder, is answered from there.
 */
final class ProcessLock implements AutoCloseable {
    /** The lock files this JVM holds, by absolute path, with the note written into each. */
    private static final Map<Path, JsonNode> HELD = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private ProcessLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Who holds a lock, as its note says; {@code alive} is whether that pid is a live process seen from here. */
    record Holder(String runFolder, long pid, String since, boolean alive) {
        /** e.g. {@code run folder results/x (pid 4242, since 2026-12-02T01:00:00Z)}. */
        String describe() {
            return "run folder " + runFolder + " (pid " + pid + ", since " + since + ")";
        }
    }

    /**
     * Takes the lock, or returns empty when another process (or this one) holds it. {@code runFolder} goes into the
     * note.
     *
     * @throws IOException when the file cannot be opened or the note written
     */
    static synchronized Optional<ProcessLock> tryAcquire(Path file, Path runFolder) throws IOException {
        Path key = key(file);
        if (HELD.containsKey(key)) {
            return Optional.empty();
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held in this JVM by code outside this class
            }
            if (lock == null) {
                ch.close();
                return Optional.empty();
            }
            ObjectNode note = Json.MAPPER.createObjectNode();
            note.put("holder", "infbench");
            note.put("run_folder", runFolder.toAbsolutePath().normalize().toString());
            note.put("pid", ProcessHandle.current().pid());
            note.put("since", Instant.now().toString());
            byte[] bytes = (Json.MAPPER.writeValueAsString(note) + "\n").getBytes(StandardCharsets.UTF_8);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(bytes), 0);
            ch.force(false);
            HELD.put(key, note);
            return Optional.of(new ProcessLock(file, ch, lock));
        } catch (IOException | RuntimeException e) {
            ch.close(); // releases the lock too
            throw e;
        }
    }

    /**
     * The holder named in a lock file's note, when the note is an infbench one. Reads another process's note without
     * locking the file; answers for this JVM's own locks from memory.
     */
    static Optional<Holder> holder(Path file) {
        JsonNode own = HELD.get(key(file));
        if (own != null) {
            return Optional.of(holder(own));
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length == 0 || bytes.length > 65_536) {
                return Optional.empty();
            }
            JsonNode note = Json.MAPPER.readTree(bytes);
            return note == null || !"infbench".equals(note.path("holder").asText()) ? Optional.empty()
                    : Optional.of(holder(note));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Holder holder(JsonNode note) {
        long pid = note.path("pid").asLong();
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        return new Holder(note.path("run_folder").asText(), pid, note.path("since").asText(), alive);
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    /** Clears the note and releases the lock; closing twice is harmless. */
    @Override
    public synchronized void close() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        try {
            channel.truncate(0);
        } catch (IOException e) {
            // the lock goes either way; a stale note is read as such
        } finally {
            HELD.remove(key(file));
            channel.close(); // releases the lock
        }
    }

    /** One line on a failure to open a lock file. */
    static String cannotOpen(Path file, IOException e) {
        return "cannot open the lock file " + file + ": " + FileErrors.reason(e);
    }
}
