package dev.infbench.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one {@link ObjectMapper} of the suite: it writes and reads every JSON file of a run folder, in the benchmarks
 * (which write them) and the harness (which reads them), so both agree on the format.
 *
 * <p>Output is compact: one value on one line, no indentation, no trailing spaces, map entries in insertion order
 * (parameters stay in declaration order). Non-finite doubles are written as the strings {@code "NaN"}, {@code
 * "Infinity"}, as JMH does, so every line stays strict JSON. Do not reconfigure {@link #MAPPER}; it is shared.
 */
public final class Json {

    /** Shared, configured mapper. Thread-safe for reading and writing. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(SerializationFeature.INDENT_OUTPUT)
            // Two objects on one line mean two appends raced or a newline went missing: that line is corrupt.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // A newer suite may add fields to journal lines; an older harness still reads what it knows.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    /**
     * Serializes {@code value} as one compact JSON line, without the line terminator.
     *
     * @throws FormatException if the value cannot be serialized
     */
    public static String line(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new FormatException("cannot write JSON: " + firstLine(e.getOriginalMessage()), e);
        }
    }

    /**
     * Writes {@code value} to {@code file} under a temporary name of this process and moves it in place, so a reader
     * never sees half of it and a failed write leaves no temporary file behind.
     */
    public static void writeAtomically(java.nio.file.Path file, Object value) throws java.io.IOException {
        java.nio.file.Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid()
                + ".tmp");
        try {
            MAPPER.writeValue(tmp.toFile(), value);
            java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
    }

    /**
     * The human part of a Jackson error, on one line: without the source location Jackson appends, which the
     * reader replaces with its own file and line number.
     */
    public static String describe(JsonProcessingException e) {
        String message = firstLine(e.getOriginalMessage());
        // Jackson embeds "(start marker at [Source: ...; line: 1, column: 1])" in some messages; the column is noise here.
        int marker = message.indexOf(" (start marker at ");
        return marker >= 0 ? message.substring(0, marker) : message;
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "malformed JSON";
        }
        int newline = message.indexOf('\n');
        return (newline >= 0 ? message.substring(0, newline) : message).strip();
    }
}
