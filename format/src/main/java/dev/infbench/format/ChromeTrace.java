package dev.infbench.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one reader of the Chrome-trace JSON that backends' profilers write (ONNX Runtime's session profiling,
 * libtorch's autograd profiler): an array of events, or an object holding them as {@code traceEvents}. Only complete
 * events ({@code "ph": "X"}, a start and a duration) are kept. A trace is read as untrusted input: a file over
 * {@link #MAX_BYTES}, or one that is not such JSON, is refused in one line.
 */
public final class ChromeTrace {
    /**
     * Larger traces are refused rather than read into memory, where a JSON tree takes ten times its file's size: the
     * suite's profiles run at most 33 calls (6.3 MB for libtorch's ResNet-50, the largest here), so a trace ten times
     * that of a model ten times larger still fits.
     */
    public static final long MAX_BYTES = 64L << 20;

    private ChromeTrace() {
    }

    /**
     * One complete event.
     *
     * @param name the event's name (ONNX Runtime: {@code <node>_kernel_time}, {@code model_run}; libtorch:
     *             {@code aten::conv2d})
     * @param cat  its category, or "" (ONNX Runtime: {@code Node}, {@code Session})
     * @param ts   start, µs
     * @param dur  duration, µs
     * @param thread the process and thread it ran on, as the trace names them
     * @param args its arguments ({@code op_name}, {@code provider}, shapes), or a missing node
     */
    public record Event(String name, String cat, double ts, double dur, String thread, JsonNode args) {
        public double end() {
            return ts + dur;
        }

        /** An argument as text, or "" when absent. */
        public String arg(String key) {
            return args.path(key).asText("");
        }
    }

    public static List<Event> read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new FormatException(file + ": a trace of " + (size >> 20) + " MiB, over the "
                        + (MAX_BYTES >> 20) + " MiB this reader takes");
            }
            // Streamed: one event's tree at a time, so a file of many empty objects costs no more than its events.
            try (com.fasterxml.jackson.core.JsonParser p = Json.MAPPER.createParser(file.toFile())) {
                com.fasterxml.jackson.core.JsonToken t = p.nextToken();
                if (t == com.fasterxml.jackson.core.JsonToken.START_OBJECT && !toTraceEvents(p)
                        || t != com.fasterxml.jackson.core.JsonToken.START_OBJECT
                        && t != com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
                    throw new FormatException(file + ": not a Chrome trace (an array of events, or traceEvents)");
                }
                List<Event> events = new ArrayList<>();
                for (t = p.nextToken(); t != com.fasterxml.jackson.core.JsonToken.END_ARRAY; t = p.nextToken()) {
                    if (t == null) {
                        throw new FormatException(file + ": not a readable trace (it ends inside its events)");
                    }
                    Event e = event(ONE_EVENT.readValue(p));
                    if (e != null) {
                        events.add(e);
                        if (events.size() > MAX_EVENTS) {
                            throw new FormatException(file + ": more than " + MAX_EVENTS + " events, over what this"
                                    + " reader takes");
                        }
                    }
                }
                return events;
            }
        } catch (IOException e) {
            throw new FormatException(file + ": not a readable trace (" + e.getMessage() + ")");
        }
    }

    /** Reads one element of the events array (the parser stands inside the array, so more follows). */
    private static final com.fasterxml.jackson.databind.ObjectReader ONE_EVENT = Json.MAPPER.readerFor(JsonNode.class)
            .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The most complete events a trace may hold (the suite's profiles hold tens of thousands). */
    public static final int MAX_EVENTS = 2_000_000;

    /** Moves {@code p} into the {@code traceEvents} array of the object it is at; false when there is none. */
    private static boolean toTraceEvents(com.fasterxml.jackson.core.JsonParser p) throws IOException {
        while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
            String name = p.currentName();
            com.fasterxml.jackson.core.JsonToken value = p.nextToken();
            if ("traceEvents".equals(name) && value == com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
                return true;
            }
            p.skipChildren();
        }
        return false;
    }

    /** The complete events of a parsed trace. */
    public static List<Event> events(JsonNode root, String what) {
        JsonNode array = root != null && root.isObject() ? root.path("traceEvents") : root;
        if (array == null || !array.isArray()) {
            throw new FormatException(what + ": not a Chrome trace (an array of events, or traceEvents)");
        }
        List<Event> events = new ArrayList<>(array.size());
        for (JsonNode e : array) {
            Event event = event(e);
            if (event != null) {
                events.add(event);
            }
        }
        return events;
    }

    /** A complete event ({@code "ph": "X"} with a finite start and a duration ≥ 0), or null for anything else. */
    private static Event event(JsonNode e) {
        if (e == null || !e.isObject() || !"X".equals(e.path("ph").asText()) || !e.path("ts").isNumber()
                || !e.path("dur").isNumber()) {
            return null;
        }
        double dur = e.path("dur").asDouble();
        if (!(dur >= 0) || !Double.isFinite(dur) || !Double.isFinite(e.path("ts").asDouble())) {
            return null;
        }
        return new Event(e.path("name").asText(""), e.path("cat").asText(""), e.path("ts").asDouble(), dur,
                e.path("pid").asText("") + "/" + e.path("tid").asText(""), e.path("args"));
    }
}
