package dev.infbench.launcher;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.infbench.config.UsageException;
import dev.infbench.env.FileErrors;
import dev.infbench.format.AppendOnlyFiles;
import dev.infbench.format.FormatException;
import dev.infbench.format.Journal;
import dev.infbench.format.JournalEntry;
import dev.infbench.format.JournalReader;
import dev.infbench.format.Json;
import dev.infbench.format.RunLayout;
import dev.infbench.format.RunManifest;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.read.CellEntries;
import dev.infbench.harness.report.csv.ResultsCsv;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One run's folder. The journal is append-only and synced after every cell, so a crash or a kill loses at most the
 * cell in flight; every other file is derived from it and rewritten atomically after each cell.
 */
final class RunFolder {
    final Path dir;
    private final ProcessLock writer;
    private String droppedTail;

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
            Files.createDirectories(dir.resolve(RunLayout.LOGS));
            ProcessLock writer = ProcessLock.tryAcquire(dir.resolve(RunLayout.WRITER_LOCK), dir)
                    .orElseThrow(() -> new IOException("another process locked the new folder " + dir));
            Files.createFile(dir.resolve(RunLayout.JOURNAL));
            return new RunFolder(dir, writer);
        } catch (IOException e) {
            throw new UsageException("cannot create the run folder " + dir + ": " + FileErrors.reason(e)
                    + "; choose a writable parent folder with --out" + (FileErrors.diskFull(e) ? ", or free disk" : "")
                    + " (nothing was run)");
        }
    }

    /**
     * Opens a run folder to resume it: refused while another launcher still writes it (it holds the folder's
     * {@link RunLayout#WRITER_LOCK}), since two writers would put contradicting lines for the same cells in its
     * journal.
     */
    static RunFolder open(Path dir) throws UsageException, IOException, BusyException {
        if (!Files.isRegularFile(dir.resolve(RunLayout.RUN)) || !Files.isRegularFile(dir.resolve(RunLayout.JOURNAL))) {
            throw new UsageException("--resume " + dir + ": not a run folder (needs " + RunLayout.RUN + " and "
                    + RunLayout.JOURNAL + ")");
        }
        Path lockFile = dir.resolve(RunLayout.WRITER_LOCK);
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
            Files.createDirectories(dir.resolve(RunLayout.LOGS));
            folder.droppedTail = folder.dropIncompleteTail();
            folder.cells();
        } catch (FormatException e) {
            writer.close();
            throw new UsageException("--resume " + dir + ": " + e.getMessage());
        } catch (IOException e) {
            writer.close();
            throw new UsageException("--resume " + dir + ": cannot read or write its journal: "
                    + FileErrors.reason(e));
        }
        return folder;
    }

    /** The run's manifest. */
    RunManifest manifest() throws UsageException {
        try {
            return RunManifest.read(dir).orElseThrow(() -> new UsageException("--resume " + dir + ": no "
                    + RunLayout.RUN));
        } catch (FormatException e) {
            throw new UsageException("--resume " + e.getMessage());
        }
    }

    /** The run's env.json, as written at its start. */
    Map<String, Object> env() throws IOException {
        return Json.MAPPER.readValue(file(RunLayout.ENV).toFile(),
                Json.MAPPER.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
    }

    /**
     * The arguments the run was started with, without the {@code --out} and {@code --run-id} that named this very
     * folder ({@code --resume} names it now).
     */
    List<String> originalArguments() throws UsageException {
        List<String> list = manifest().commandLine();
        if (list == null) {
            throw new UsageException("--resume " + dir + ": " + RunLayout.RUN + " has no command_line");
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String a = list.get(i);
            if (a.equals("--out") || a.equals("--run-id")) {
                i++;
            } else if (!a.startsWith("--out=") && !a.startsWith("--run-id=")) {
                kept.add(a);
            }
        }
        return kept;
    }

    /** Lets another launcher resume the folder. */
    void release() throws IOException {
        writer.close();
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    Path log(int index) {
        return RunLayout.log(dir, index);
    }

    /** Appends one entry as one line and forces it to disk before returning. */
    void append(JournalEntry entry) throws IOException {
        byte[] line = (Json.MAPPER.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file(RunLayout.JOURNAL), StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    /** Every line of the journal. */
    Journal journal() throws IOException {
        return JournalReader.read(file(RunLayout.JOURNAL));
    }

    /** Each cell as one entry (its forks merged), in grid order. */
    List<JournalEntry> cells() throws IOException {
        return CellEntries.of(JournalReader.read(file(RunLayout.JOURNAL)));
    }

    /** What resuming cut off the journal (a torn last line), said to the user; null when nothing was. */
    String droppedTail() {
        return droppedTail;
    }

    /**
     * Cuts a torn last journal line ({@link AppendOnlyFiles}), which never counted.
     *
     * @return what was cut, naming the line, or null when the journal ended with a newline
     */
    private String dropIncompleteTail() throws IOException {
        Path journal = file(RunLayout.JOURNAL);
        AppendOnlyFiles.Cut cut = AppendOnlyFiles.dropIncompleteTail(journal);
        return cut == null ? null : journal + " line " + cut.line() + ": dropped an incomplete last line ("
                + cut.bytes() + " bytes without a newline; the run was interrupted while writing it): the cell it"
                + " was for runs again";
    }

    /** Rewrites jmh.json and results.csv from the journal's latest entries. */
    void writeDerived(List<JournalEntry> cells) throws IOException {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (JournalEntry e : cells) {
            if (e.jmh() != null) {
                array.add(e.jmh());
            }
        }
        writeJson(RunLayout.JMH, array);
        Path tmp = file(RunLayout.RESULTS_CSV + ".tmp");
        try {
            ResultsCsv.write(Cell.all(cells), peak(), tmp);
            Files.move(tmp, file(RunLayout.RESULTS_CSV), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (dev.infbench.harness.HarnessException e) {
            // The harness says "cannot write" in its own words: to the run, a write that failed like any other.
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The run's machine peak, or null when it has none (or one this suite cannot read: the CSV goes without). */
    dev.infbench.format.MachinePeak peak() {
        return dev.infbench.format.MachinePeak.read(dir, problem -> { }).orElse(null);
    }

    void writeJson(String name, Object value) throws IOException {
        Path tmp = file(name + ".tmp");
        try {
            Json.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), value);
            Files.move(tmp, file(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            // A failed write (a full disk) leaves the previous file whole and no half-written copy beside it.
            Files.deleteIfExists(tmp);
        }
    }

}
