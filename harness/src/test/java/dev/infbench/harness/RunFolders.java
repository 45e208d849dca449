package dev.infbench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infbench.format.Json;
import dev.infbench.format.RunLayout;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.stats.LatencyHistogram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Run folders for tests: journal lines written with {@link Json#MAPPER}, a small env.json, hand-made histograms. */
public final class RunFolders {

    /** Calls per fork in {@link #bell}: enough for a p99 (1000 needed) with two forks. */
    public static final long CALLS_PER_FORK = 2000;

    private RunFolders() {
    }

    /**
     * A bell-shaped histogram around {@code centerMs}: 51 bins 0.4% apart (JMH's histogram is about that fine), about
     * {@code calls} calls, Gaussian counts with a spread of ±3%.
     */
    public static LatencyHistogram bell(double centerMs, long calls) {
        double[] weights = new double[51];
        double sum = 0;
        for (int k = -25; k <= 25; k++) {
            weights[k + 25] = Math.exp(-(k * k) / (2.0 * 8 * 8));
            sum += weights[k + 25];
        }
        List<LatencyHistogram.Bin> bins = new ArrayList<>();
        for (int k = -25; k <= 25; k++) {
            long count = Math.round(calls * weights[k + 25] / sum);
            bins.add(new LatencyHistogram.Bin(centerMs * (1 + 0.004 * k), count));
        }
        return LatencyHistogram.of(bins);
    }

    /** A SampleTime result with one bell per fork, centred on the given medians, {@link #CALLS_PER_FORK} each. */
    public static JsonNode sampleTime(double... forkCentersMs) {
        List<LatencyHistogram> forks = new ArrayList<>();
        for (double center : forkCentersMs) {
            forks.add(bell(center, CALLS_PER_FORK));
        }
        return sampleTime(forks);
    }

    /**
     * A JMH SampleTime result (ms/op) holding {@code forks} as rawDataHistogram, each fork split over two iterations;
     * score and scorePercentiles computed from the pooled calls as nearest-rank percentiles.
     */
    public static JsonNode sampleTime(List<LatencyHistogram> forks) {
        ObjectNode jmh = Json.MAPPER.createObjectNode();
        jmh.put("jmhVersion", "1.37");
        jmh.put("benchmark", "dev.infbench.bench.InferenceBenchmark.infer");
        jmh.put("mode", "sample");
        jmh.put("threads", 1);
        jmh.put("forks", forks.size());
        ObjectNode primary = jmh.putObject("primaryMetric");
        LatencyHistogram pooled = LatencyHistogram.pooled(forks);
        double total = 0;
        for (LatencyHistogram.Bin bin : pooled.bins()) {
            total += bin.valueMs() * bin.count();
        }
        primary.put("score", total / pooled.count());
        ObjectNode percentiles = primary.putObject("scorePercentiles");
        for (double q : new double[] {0.0, 50.0, 90.0, 99.0, 99.9, 100.0}) {
            percentiles.put(Double.toString(q), quantile(pooled, q / 100));
        }
        primary.put("scoreUnit", "ms/op");
        ArrayNode histogram = primary.putArray("rawDataHistogram");
        for (LatencyHistogram fork : forks) {
            ArrayNode iterations = histogram.addArray();
            ArrayNode first = iterations.addArray();
            ArrayNode second = iterations.addArray();
            for (LatencyHistogram.Bin bin : fork.bins()) {
                long half = bin.count() / 2;
                if (half > 0) {
                    first.addArray().add(bin.valueMs()).add(half);
                }
                if (bin.count() - half > 0) {
                    second.addArray().add(bin.valueMs()).add(bin.count() - half);
                }
            }
        }
        return jmh;
    }

    private static double quantile(LatencyHistogram histogram, double q) {
        long rank = Math.max(1, (long) Math.ceil(q * histogram.count()));
        long seen = 0;
        for (LatencyHistogram.Bin bin : histogram.bins()) {
            seen += bin.count();
            if (seen >= rank) {
                return bin.valueMs();
            }
        }
        return histogram.bins().get(histogram.bins().size() - 1).valueMs();
    }

    /** Writes {@code entries} to {@code dir/journal.jsonl}, one line each. */
    public static void writeJournal(Path dir, List<Cell> cells) {
        String lines = cells.stream().map(c -> Json.line(c.entry())).collect(Collectors.joining("\n", "", "\n"));
        write(dir.resolve(RunLayout.JOURNAL), lines);
    }

    /** Writes a schema 2 env.json with the given keys, host, CPU, GPUs and software versions. */
    public static void writeEnv(Path dir, String hardwareKey, String host, String cpuModel, List<String> gpus,
            Map<String, String> software) {
        ObjectNode env = Json.MAPPER.createObjectNode();
        env.put("schema", 2);
        env.put("host", host);
        ObjectNode keys = env.putObject("keys");
        keys.put("hardware", hardwareKey);
        keys.put("software", "s-" + software.hashCode());
        env.putObject("cpu").put("model", cpuModel);
        ObjectNode gpu = env.putObject("gpu");
        gpu.putNull("driver");
        ArrayNode models = gpu.putArray("models");
        gpus.forEach(models::add);
        env.putObject("os").put("kernel", "6.1.0");
        env.putObject("jvm").put("version", "17.0.15");
        ObjectNode sw = env.putObject("software");
        software.forEach(sw::put);
        env.putObject("models").put("minilm", "759c3cd2");
        write(dir.resolve(RunLayout.ENV), Json.line(env) + "\n");
    }

    /**
     * A complete run folder {@code parent/name} of {@link dev.infbench.harness.SweepFixture}'s cells, as the
     * launcher leaves it before the report: journal, env.json, run.json and jmh.json.
     */
    public static Path sweepRun(Path parent, String name) {
        Path run = folder(parent, name);
        List<Cell> cells = dev.infbench.harness.SweepFixture.cells();
        writeJournal(run, cells);
        writeEnv(run, "e8567b4fbc39d588", "lab-1", "AMD EPYC", List.of(), software("1.23.2"));
        ObjectNode manifest = Json.MAPPER.createObjectNode();
        manifest.put("schema", 1);
        manifest.putArray("command_line").add("-p").add("batch=1,4,8,16,32");
        manifest.put("sweep", "custom");
        manifest.put("started_at", "2026-11-24T14:00:00Z");
        manifest.put("finished_at", "2026-11-24T14:09:00Z");
        manifest.put("state", "complete");
        manifest.putArray("warnings").add("load average 1.02 at start on 2 usable cores: other work is running");
        write(run.resolve(RunLayout.RUN), Json.line(manifest) + "\n");
        ArrayNode jmh = Json.MAPPER.createArrayNode();
        for (Cell c : cells) {
            if (c.jmh() != null) {
                // As JMH writes an element of its array: the benchmark's name and the cell's parameters.
                ObjectNode element = ((ObjectNode) c.jmh()).deepCopy();
                element.put("benchmark", "dev.infbench.bench.InferenceBenchmark.infer");
                ObjectNode params = element.putObject("params");
                c.params().forEach(params::put);
                jmh.add(element);
            }
        }
        write(run.resolve(RunLayout.JMH), Json.line(jmh) + "\n");
        return run;
    }

    /** Software versions of a typical run. */
    public static Map<String, String> software(String onnxruntime) {
        return Map.of("onnxruntime", onnxruntime, "jmh", "1.37");
    }

    /** A new folder {@code name} under {@code parent}. */
    public static Path folder(Path parent, String name) {
        try {
            return Files.createDirectories(parent.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
