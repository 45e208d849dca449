package dev.infbench.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.infbench.config.UsageException;
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

    final Path dir;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    static RunFolder create(Path dir) throws UsageException, IOException {
        if (Files.exists(dir)) {
            throw new UsageException("run folder " + dir + " already exists; resume it with --resume " + dir
                    + " or choose another --run-id");
        }
        Files.createDirectories(dir.resolve(LOGS));
        Files.createFile(dir.resolve(JOURNAL));
        return new RunFolder(dir);
    }

    static RunFolder open(Path dir) throws UsageException, IOException {
        if (!Files.isRegularFile(dir.resolve(RUN)) || !Files.isRegularFile(dir.resolve(JOURNAL))) {
            throw new UsageException("--resume " + dir + ": not a run folder (needs " + RUN + " and " + JOURNAL + ")");
        }
        Files.createDirectories(dir.resolve(LOGS));
        RunFolder folder = new RunFolder(dir);
        folder.dropIncompleteTail();
        try {
            folder.cells();
        } catch (HarnessException e) {
            throw new UsageException("--resume " + dir + ": " + e.getMessage());
        }
        return folder;
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
        ResultsCsv.write(cells, tmp);
        Files.move(tmp, file(CSV), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void writeJson(String name, Object value) throws IOException {
        Path tmp = file(name + ".tmp");
        JsonSupport.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), value);
        Files.move(tmp, file(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    JsonNode readJson(String name) throws IOException {
        return JsonSupport.MAPPER.readTree(file(name).toFile());
    }
}
