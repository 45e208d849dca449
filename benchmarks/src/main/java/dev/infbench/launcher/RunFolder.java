package dev.infbench.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.infbench.config.UsageException;
import dev.infbench.env.FileErrors;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.report.ResultsCsv;
import dev.infbench.harness.run.JournalEntry;
import dev.infbench.harness.run.JournalReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * One run's folder. The journal is append-only and synced after every cell, so a crash or a kill loses at most the
 * cell in flight; every other file is derived from it and rewritten atomically after each cell.
 */
final class RunFolder {
    static final String JOURNAL = "journal.jsonl";
    static final String RUN = "run.json";
    static final String ENV = "env.json";
    static final String JMH = "jmh.json";
    static final String CSV = "results.csv";
    static final String LOGS = "logs";
    /** Held locked by the launcher writing the folder, for as long as it runs (see {@link ProcessLock}). */
    static final String WRITER_LOCK = "writer.lock";

    final Path dir;
    private final ProcessLock writer;

    private RunFolder(Path dir, ProcessLock writer) {
        this.dir = dir;
        this.writer = writer;
    }

    static RunFolder create(Path dir) throws UsageException, IOException {
        if (Files.exists(dir)) {
            throw new UsageException("run folder " + dir + " already exists; resume it with --resume " + dir
                    + " or choose another --run-id");
        }
        try {
            Files.createDirectories(dir.resolve(LOGS));
            ProcessLock writer = ProcessLock.tryAcquire(dir.resolve(WRITER_LOCK), dir)
                    .orElseThrow(() -> new IOException("another process locked the new folder " + dir));
            Files.createFile(dir.resolve(JOURNAL));
            return new RunFolder(dir, writer);
        } catch (IOException e) {
            throw new UsageException("cannot create the run folder " + dir + ": " + FileErrors.reason(e)
                    + "; choose a writable parent folder with --out" + (FileErrors.diskFull(e) ? ", or free disk" : "")
                    + " (nothing was run)");
        }
    }

    /**
     * Opens a run folder to resume it: refused while another launcher still writes it (it holds the folder's
     * {@link #WRITER_LOCK}), since two writers would put contradicting lines for the same cells in its journal.
     */
    static RunFolder open(Path dir) throws UsageException, IOException, BusyException {
        if (!Files.isRegularFile(dir.resolve(RUN)) || !Files.isRegularFile(dir.resolve(JOURNAL))) {
            throw new UsageException("--resume " + dir + ": not a run folder (needs " + RUN + " and " + JOURNAL + ")");
        }
        Path lockFile = dir.resolve(WRITER_LOCK);
        ProcessLock writer;
        try {
            writer = ProcessLock.tryAcquire(lockFile, dir).orElse(null);
        } catch (IOException e) {
            throw new UsageException("--resume " + dir + ": " + ProcessLock.cannotOpen(lockFile, e));
        }
        if (writer == null) {
            throw new BusyException("--resume " + dir + ": another launcher is still writing this run folder"
                    + ProcessLock.holder(lockFile).map(h -> " (pid " + h.pid() + ", since " + h.since() + ")")
                    .orElse("") + "; wait for it to end, or stop it, then resume");
        }
        RunFolder folder = new RunFolder(dir, writer);
        try {
            Files.createDirectories(dir.resolve(LOGS));
            folder.dropIncompleteTail();
            folder.cells();
        } catch (HarnessException e) {
            writer.close();
            throw new UsageException("--resume " + dir + ": " + e.getMessage());
        } catch (IOException e) {
            writer.close();
            throw new UsageException("--resume " + dir + ": cannot read or write its journal: "
                    + FileErrors.reason(e));
        }
        return folder;
    }

    /** Lets another launcher resume the folder. */
    void release() throws IOException {
        writer.close();
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    Path log(int index) {
        return dir.resolve(LOGS).resolve(String.format(java.util.Locale.ROOT, "cell-%03d.log", index));
    }

    /** Appends one entry as one line and forces it to disk before returning. */
    void append(JournalEntry entry) throws IOException {
        byte[] line = (JsonSupport.MAPPER.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file(JOURNAL), StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    /** The latest entry of each cell, in grid order. */
    List<JournalEntry> cells() throws IOException {
        return JournalReader.read(file(JOURNAL)).latest();
    }

    /**
     * A launcher killed in the middle of an append leaves a line without its newline. That line never counted;
     * cut it off so that new entries start on a line of their own. Complete lines are left byte for byte.
     */
    private void dropIncompleteTail() throws IOException {
        Path journal = file(JOURNAL);
        byte[] bytes = Files.readAllBytes(journal);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end != bytes.length) {
            try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.WRITE)) {
                ch.truncate(end);
                ch.force(true);
            }
        }
    }

    /** Rewrites jmh.json and results.csv from the journal's latest entries. */
    void writeDerived(List<JournalEntry> cells) throws IOException {
        ArrayNode array = JsonSupport.MAPPER.createArrayNode();
        for (JournalEntry e : cells) {
            if (e.jmh() != null) {
                array.add(e.jmh());
            }
        }
        writeJson(JMH, array);
        Path tmp = file(CSV + ".tmp");
        try {
            ResultsCsv.write(cells, tmp);
            Files.move(tmp, file(CSV), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    void writeJson(String name, Object value) throws IOException {
        Path tmp = file(name + ".tmp");
        try {
            JsonSupport.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), value);
            Files.move(tmp, file(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            // A failed write (a full disk) leaves the previous file whole and no half-written copy beside it.
            Files.deleteIfExists(tmp);
        }
    }

    JsonNode readJson(String name) throws IOException {
        return JsonSupport.MAPPER.readTree(file(name).toFile());
    }
}
