package dev.infbench.harness.nightly;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infbench.format.Json;
import dev.infbench.format.NightlyLayout;
import dev.infbench.harness.HarnessException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A machine's latest night in the formats continuous-benchmarking dashboards read, each benchmark named by its cell's
 * key (stable from night to night):
 * <ul>
 *   <li>github-action-benchmark's custom tools: {@value NightlyLayout#ACTION_LATENCY} for {@code
 *       customSmallerIsBetter} (p50, ms) and {@value NightlyLayout#ACTION_THROUGHPUT} for {@code
 *       customBiggerIsBetter} (samples/s), entries {@code {name, unit, value, range, extra}};</li>
 *   <li>Bencher Metric Format, {@value NightlyLayout#BENCHER}: per benchmark, the built-in {@code latency} measure
 *       (nanoseconds, lower is better) and {@code throughput} (per second, higher is better), each with the 95%
 *       interval over rounds as {@code lower_value}/{@code upper_value}.</li>
 * </ul>
 */
public final class DashboardExport {

    private DashboardExport() {
    }

    /** Writes the three files for the last night of {@code rows} into {@code dir}; returns them. */
    public static List<Path> write(List<History.Row> rows, Path dir) {
        String lastRun = rows.isEmpty() ? null : rows.get(rows.size() - 1).run();
        ArrayNode latency = Json.MAPPER.createArrayNode();
        ArrayNode throughput = Json.MAPPER.createArrayNode();
        ObjectNode bencher = Json.MAPPER.createObjectNode();
        for (History.Row r : rows) {
            if (!r.run().equals(lastRun) || r.value() == null) {
                continue;
            }
            boolean p50 = r.figure().equals(History.P50);
            ObjectNode entry = (p50 ? latency : throughput).addObject();
            entry.put("name", r.key());
            entry.put("unit", p50 ? "ms" : "samples/s");
            entry.put("value", r.value());
            if (r.low() != null && r.high() != null) {
                entry.put("range", "95% over rounds " + r.low() + " to " + r.high());
            }
            entry.put("extra", "night " + r.night() + ", run " + r.run() + ", commit " + r.commit() + ", verdict "
                    + r.verdict());
            ObjectNode benchmark = bencher.has(r.key()) ? (ObjectNode) bencher.get(r.key()) : bencher.putObject(r.key());
            double scale = p50 ? 1e6 : 1;
            ObjectNode measure = benchmark.putObject(p50 ? "latency" : "throughput");
            measure.put("value", r.value() * scale);
            if (r.low() != null && r.high() != null) {
                measure.put("lower_value", r.low() * scale);
                measure.put("upper_value", r.high() * scale);
            }
        }
        List<Path> files = new ArrayList<>();
        try {
            java.nio.file.Files.createDirectories(dir);
            files.add(write(dir.resolve(NightlyLayout.ACTION_LATENCY), latency));
            files.add(write(dir.resolve(NightlyLayout.ACTION_THROUGHPUT), throughput));
            files.add(write(dir.resolve(NightlyLayout.BENCHER), bencher));
        } catch (IOException e) {
            throw new HarnessException(dir + ": cannot write the dashboards' files (" + e.getMessage() + ")", e);
        }
        return files;
    }

    private static Path write(Path file, Object value) throws IOException {
        Json.writeAtomically(file, value);
        return file;
    }
}
