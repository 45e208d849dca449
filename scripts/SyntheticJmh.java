import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;

/**
 * Writes a JMH JSON file of N synthetic SampleTime cells shaped like the ones the suite writes (2 forks x 4
 * iterations of rawDataHistogram, scorePercentiles, and the per-percentile secondaryMetrics JMH adds), with seeded
 * log-normal latencies that differ per cell, for timing the harness on large inputs. The figures are made up: never
 * report them as measurements.
 *
 * <pre>java scripts/SyntheticJmh.java CELLS OUT.json [SEED]</pre>
 */
public final class SyntheticJmh {
    private static final String[] MODELS = {"minilm", "resnet50", "mobilenetv2", "bert-base"};
    private static final String[] BACKENDS = {"onnxruntime", "pytorch"};
    private static final String[] PRECISIONS = {"fp32", "fp16", "bf16", "int8"};
    private static final int[] BATCHES = {1, 2, 4, 8, 16, 32, 64};
    private static final int[] THREADS = {1, 2, 4, 8, 16};
    private static final String[] LAYOUTS = {"nchw", "nhwc"};
    /** JMH's names for the per-percentile secondary metrics of SampleTime. */
    private static final String[] SECONDARY = {"p0.00", "p0.50", "p0.90", "p0.95", "p0.99", "p0.999", "p0.9999",
        "p0.99999", "p0.999999", "p1.00"};
    private static final double[] PERCENTILES = {0.0, 50.0, 90.0, 95.0, 99.0, 99.9, 99.99, 99.999, 99.9999, 100.0};

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java scripts/SyntheticJmh.java CELLS OUT.json [SEED]");
            System.exit(2);
        }
        int cells = Integer.parseInt(args[0]);
        Random random = new Random(args.length > 2 ? Long.parseLong(args[2]) : 42);
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8),
                1 << 20)) {
            out.write("[\n");
            for (int i = 0; i < cells; i++) {
                out.write(cell(i, random));
                out.write(i + 1 < cells ? ",\n" : "\n");
            }
            out.write("]\n");
        }
    }

    private static String cell(int i, Random random) {
        // Mixed radix over the parameters, with seq taking whatever is left, so every cell is a distinct configuration.
        int n = i;
        String model = MODELS[n % MODELS.length];
        n /= MODELS.length;
        String backend = BACKENDS[n % BACKENDS.length];
        n /= BACKENDS.length;
        String precision = PRECISIONS[n % PRECISIONS.length];
        n /= PRECISIONS.length;
        int batch = BATCHES[n % BATCHES.length];
        n /= BATCHES.length;
        int threads = THREADS[n % THREADS.length];
        n /= THREADS.length;
        String layout = LAYOUTS[n % LAYOUTS.length];
        n /= LAYOUTS.length;
        int seq = 16 + n;

        double median = 2.0 * Math.pow(batch, 0.8) * (1 + seq / 128.0) / Math.sqrt(threads)
                * (precision.equals("int8") ? 0.6 : precision.equals("fp32") ? 1.0 : 0.8)
                * Math.exp(0.2 * random.nextGaussian());
        double sigma = 0.03 + 0.1 * random.nextDouble();
        StringBuilder histogram = new StringBuilder("[");
        TreeMap<Double, Long> all = new TreeMap<>();
        for (int fork = 0; fork < 2; fork++) {
            histogram.append(fork == 0 ? "[" : ",[");
            double forkShift = Math.exp(0.02 * random.nextGaussian());
            for (int iteration = 0; iteration < 4; iteration++) {
                TreeMap<Double, Long> buckets = new TreeMap<>();
                int calls = (int) Math.max(1, Math.min(4000, 2000 / median));
                for (int c = 0; c < calls; c++) {
                    double ms = median * forkShift * Math.exp(sigma * random.nextGaussian());
                    // JMH's histogram quantizes samples; ~0.5-1% steps give the bucket counts real cells show.
                    double step = Math.pow(2, Math.floor(Math.log(ms / 160) / Math.log(2)));
                    buckets.merge(Math.round(ms / step) * step, 1L, Long::sum);
                }
                buckets.forEach((v, k) -> all.merge(v, k, Long::sum));
                histogram.append(iteration == 0 ? "[" : ",[");
                StringBuilder pairs = new StringBuilder();
                buckets.forEach((v, k) -> pairs.append(pairs.length() == 0 ? "" : ",").append('[').append(num(v))
                        .append(',').append(k).append(']'));
                histogram.append(pairs).append(']');
            }
            histogram.append(']');
        }
        histogram.append(']');

        long total = all.values().stream().mapToLong(Long::longValue).sum();
        double sum = 0;
        for (var e : all.entrySet()) {
            sum += e.getKey() * e.getValue();
        }
        double mean = sum / total;
        double[] values = new double[PERCENTILES.length];
        for (int p = 0; p < PERCENTILES.length; p++) {
            values[p] = quantile(all, total, PERCENTILES[p] / 100);
        }
        StringBuilder percentiles = new StringBuilder("{");
        StringBuilder secondary = new StringBuilder("{");
        for (int p = 0; p < PERCENTILES.length; p++) {
            String key = String.format(Locale.ROOT, "%s", PERCENTILES[p]);
            percentiles.append(p == 0 ? "" : ",").append('"').append(key).append("\":").append(num(values[p]));
            String name = SECONDARY[p];
            StringBuilder same = new StringBuilder("{");
            for (int q = 0; q < PERCENTILES.length; q++) {
                same.append(q == 0 ? "" : ",").append('"').append(PERCENTILES[q]).append("\":").append(num(values[p]));
            }
            same.append('}');
            secondary.append(p == 0 ? "" : ",").append("\"infer\u00b7").append(name).append("\":{\"score\":")
                    .append(num(values[p])).append(",\"scoreError\":\"NaN\",\"scoreConfidence\":[\"NaN\",\"NaN\"],")
                    .append("\"scorePercentiles\":").append(same).append(",\"scoreUnit\":\"ms/op\",\"rawData\":[[")
                    .append(num(values[p] * 1.01)).append(',').append(num(values[p])).append(',')
                    .append(num(values[p] * 0.99)).append(',').append(num(values[p])).append("],[")
                    .append(num(values[p])).append(',').append(num(values[p] * 1.02)).append(',')
                    .append(num(values[p])).append(',').append(num(values[p] * 0.98)).append("]]}");
        }
        percentiles.append('}');
        secondary.append('}');
        return "{\"jmhVersion\":\"1.37\",\"benchmark\":\"dev.infbench.bench.InferenceBenchmark.infer\","
                + "\"mode\":\"sample\",\"threads\":1,\"forks\":2,\"jvm\":\"/usr/lib/jvm/java-17/bin/java\","
                + "\"jvmArgs\":[\"-Dsynthetic=true\"],\"jdkVersion\":\"17.0.15\",\"vmName\":\"OpenJDK 64-Bit Server VM\","
                + "\"vmVersion\":\"17.0.15+6\",\"warmupIterations\":3,\"warmupTime\":\"1 s\",\"warmupBatchSize\":1,"
                + "\"measurementIterations\":4,\"measurementTime\":\"2 s\",\"measurementBatchSize\":1,"
                + "\"params\":{\"backend\":\"" + backend + "\",\"batch\":\"" + batch + "\",\"interop\":\"1\","
                + "\"layout\":\"" + layout + "\",\"model\":\"" + model + "\",\"options\":\"none\",\"precision\":\""
                + precision + "\",\"seq\":\"" + seq + "\",\"shape\":\"none\",\"target\":\"cpu\",\"threads\":\""
                + threads + "\"},\"primaryMetric\":{\"score\":" + num(mean) + ",\"scoreError\":" + num(mean * 0.01)
                + ",\"scoreConfidence\":[" + num(mean * 0.99) + "," + num(mean * 1.01) + "],\"scorePercentiles\":"
                + percentiles + ",\"scoreUnit\":\"ms/op\",\"rawDataHistogram\":" + histogram + "},"
                + "\"secondaryMetrics\":" + secondary + "}";
    }

    private static double quantile(TreeMap<Double, Long> all, long total, double q) {
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (var e : all.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return e.getKey();
            }
        }
        return all.lastKey();
    }

    private static String num(double v) {
        return Double.toString(v);
    }
}
