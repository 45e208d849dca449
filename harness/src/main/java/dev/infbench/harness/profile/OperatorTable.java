package dev.infbench.harness.profile;

import dev.infbench.format.ChromeTrace;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A backend's trace folded into one row per operator type: calls, total time, share. Two kinds of trace:
 * <ul>
 *   <li>ONNX Runtime: {@code Node} events ({@code <node>_kernel_time}, with {@code op_name} and {@code provider}) do
 *   not nest; the table sums their durations within the profiled calls' {@code model_run} events (the first
 *   {@code warmup} runs are left out), and the reference total is those runs' own duration;</li>
 *   <li>libtorch: {@code aten::} events nest (a conv2d holds a convolution, which holds the kernel), so summing their
 *   durations would count the same time two or three times; the table sums self time (an event's time less that of
 *   the events directly inside it, on the same thread), whose total is the time spent inside any operator.</li>
 * </ul>
 *
 * @param kind      {@link #ORT} or {@link #LIBTORCH}
 * @param rows      the operators, the largest total first
 * @param totalUs   the operators' total, µs
 * @param referenceUs what that total is compared with: ONNX Runtime's profiled {@code model_run} time; for libtorch
 *                  the time between the first profiled operator's start and the last one's end (the calls)
 * @param runs      the profiled runs the table covers
 */
public record OperatorTable(String kind, List<Row> rows, double totalUs, double referenceUs, int runs) {
    public static final String ORT = "onnxruntime";
    public static final String LIBTORCH = "libtorch";

    /** One operator type: how often it ran, its time over every profiled call, the providers that ran it. */
    public record Row(String operator, String providers, long calls, double totalUs) {
    }

    /** The operators' total over the reference total: 1 when every microsecond of the runs is in an operator. */
    public double coverage() {
        return referenceUs > 0 ? totalUs / referenceUs : Double.NaN;
    }

    /** Folds {@code events}; an ONNX Runtime trace when it has {@code Node} events, else libtorch's. */
    public static OperatorTable of(List<ChromeTrace.Event> events, int warmup) {
        boolean ort = events.stream().anyMatch(e -> "Node".equals(e.cat()));
        return ort ? onnxRuntime(events, warmup) : libtorch(events);
    }

    static OperatorTable onnxRuntime(List<ChromeTrace.Event> events, int warmup) {
        List<ChromeTrace.Event> runs = events.stream().filter(e -> e.name().equals("model_run"))
                .sorted(Comparator.comparingDouble(ChromeTrace.Event::ts)).toList();
        // The warm-up runs are in the trace (the session profiles from its start): the profiled runs follow them.
        List<ChromeTrace.Event> kept = runs.size() > warmup ? runs.subList(warmup, runs.size()) : List.of();
        double reference = kept.stream().mapToDouble(ChromeTrace.Event::dur).sum();
        Map<String, long[]> calls = new LinkedHashMap<>();
        Map<String, Double> time = new LinkedHashMap<>();
        Map<String, TreeSet<String>> providers = new LinkedHashMap<>();
        for (ChromeTrace.Event e : events) {
            if (!"Node".equals(e.cat()) || !e.name().endsWith("_kernel_time") || !inside(e, kept)) {
                continue;
            }
            String op = e.arg("op_name").isEmpty() ? e.name() : e.arg("op_name");
            calls.computeIfAbsent(op, k -> new long[1])[0]++;
            time.merge(op, e.dur(), Double::sum);
            if (!e.arg("provider").isEmpty()) {
                providers.computeIfAbsent(op, k -> new TreeSet<>()).add(e.arg("provider"));
            }
        }
        List<Row> rows = new ArrayList<>();
        time.forEach((op, us) -> rows.add(new Row(op, String.join(", ", providers.getOrDefault(op, new TreeSet<>())),
                calls.get(op)[0], us)));
        return table(ORT, rows, reference, kept.size());
    }

    /** Whether {@code e} starts inside one of the {@code runs} (sorted by start, not overlapping): a binary search. */
    private static boolean inside(ChromeTrace.Event e, List<ChromeTrace.Event> runs) {
        int lo = 0;
        int hi = runs.size() - 1;
        int last = -1; // the last run that starts at or before e
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (runs.get(mid).ts() <= e.ts()) {
                last = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return last >= 0 && e.ts() <= runs.get(last).end();
    }

    static OperatorTable libtorch(List<ChromeTrace.Event> events) {
        Map<String, List<ChromeTrace.Event>> byThread = new LinkedHashMap<>();
        for (ChromeTrace.Event e : events) {
            byThread.computeIfAbsent(e.thread(), k -> new ArrayList<>()).add(e);
        }
        Map<String, long[]> calls = new LinkedHashMap<>();
        Map<String, Double> self = new LinkedHashMap<>();
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        for (List<ChromeTrace.Event> thread : byThread.values()) {
            // Outer events first: by start, and the longer of two that start together.
            thread.sort(Comparator.comparingDouble(ChromeTrace.Event::ts)
                    .thenComparing(Comparator.comparingDouble(ChromeTrace.Event::dur).reversed()));
            Deque<double[]> open = new ArrayDeque<>(); // {end, children's time, index}
            double[] childTime = new double[thread.size()];
            for (int i = 0; i < thread.size(); i++) {
                ChromeTrace.Event e = thread.get(i);
                first = Math.min(first, e.ts());
                last = Math.max(last, e.end());
                while (!open.isEmpty() && open.peek()[0] <= e.ts()) {
                    open.pop();
                }
                if (!open.isEmpty()) {
                    // What lies inside the parent: a malformed trace's event may run past its parent's end.
                    childTime[(int) open.peek()[2]] += Math.max(0, Math.min(e.end(), open.peek()[0]) - e.ts());
                }
                open.push(new double[] {e.end(), 0, i});
            }
            for (int i = 0; i < thread.size(); i++) {
                ChromeTrace.Event e = thread.get(i);
                calls.computeIfAbsent(e.name(), k -> new long[1])[0]++;
                self.merge(e.name(), Math.max(0, e.dur() - childTime[i]), Double::sum);
            }
        }
        List<Row> rows = new ArrayList<>();
        self.forEach((op, us) -> rows.add(new Row(op, "", calls.get(op)[0], us)));
        return table(LIBTORCH, rows, last > first ? last - first : 0, 0);
    }

    private static OperatorTable table(String kind, List<Row> rows, double reference, int runs) {
        List<Row> sorted = rows.stream().sorted(Comparator.comparingDouble(Row::totalUs).reversed()
                .thenComparing(Row::operator)).toList();
        return new OperatorTable(kind, sorted, sorted.stream().mapToDouble(Row::totalUs).sum(), reference, runs);
    }
}
