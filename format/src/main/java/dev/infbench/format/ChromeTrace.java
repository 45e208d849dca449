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
            return events(Json.MAPPER.readTree(file.toFile()), file.toString());
        } catch (IOException e) {
            throw new FormatException(file + ": not a readable trace (" + e.getMessage() + ")");
        }
    }

    /** The complete events of a parsed trace. */
    public static List<Event> events(JsonNode root, String what) {
        JsonNode array = root != null && root.isObject() ? root.path("traceEvents") : root;
        if (array == null || !array.isArray()) {
            throw new FormatException(what + ": not a Chrome trace (an array of events, or traceEvents)");
        }
        List<Event> events = new ArrayList<>(array.size());
        for (JsonNode e : array) {
            if (!e.isObject() || !"X".equals(e.path("ph").asText()) || !e.path("ts").isNumber()
                    || !e.path("dur").isNumber()) {
                continue;
            }
            double dur = e.path("dur").asDouble();
            if (!(dur >= 0) || !Double.isFinite(e.path("ts").asDouble())) {
                continue;
            }
            events.add(new Event(e.path("name").asText(""), e.path("cat").asText(""), e.path("ts").asDouble(), dur,
                    e.path("pid").asText("") + "/" + e.path("tid").asText(""), e.path("args")));
        }
        return events;
    }
}
