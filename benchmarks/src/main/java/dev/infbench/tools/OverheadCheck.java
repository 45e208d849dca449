package dev.infbench.tools;

import dev.infbench.harness.metrics.CellMetrics;
import dev.infbench.harness.read.Cells;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Does the suite add time of its own? Runs, in alternating order, the suite's MiniLM fp32 cell (batch 1, seq 128,
 * 2 threads, one fork) and {@link PlainOrtLoop} (a fresh JVM doing the same calls in a plain loop, with the same
 * warmup and measurement time), and reports each round's ratio of the suite's p50 to the plain loop's and their
 * median. Exit status 0 when the median ratio is at most 1.05, 1 otherwise.
 *
 * <p>{@code java -cp benchmarks.jar dev.infbench.tools.OverheadCheck [ROUNDS [WARMUP_S MEASURE_S]]}
 * (scripts/overhead-check.sh)
 */
public final class OverheadCheck {
    static final double LIMIT = 1.05;
    private static final Pattern PLAIN = Pattern.compile("p50_ms=([0-9.]+) n=(\\d+)");

    private OverheadCheck() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int warmupS = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int measureS = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Path jar = Path.of(OverheadCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path work = Files.createTempDirectory("infbench-overhead");
        List<Double> ratios = new ArrayList<>();
        System.out.printf(Locale.ROOT, "MiniLM fp32 batch 1 seq 128, 2 threads; %d rounds of %d s warmup + %d s"
                + " measurement each side, alternating which side goes first%n", rounds, warmupS, measureS);
        System.out.println("round  suite p50 ms (n)     plain p50 ms (n)     ratio");
        for (int round = 1; round <= rounds; round++) {
            double[] suite = null;
            double[] plain = null;
            for (int side = 0; side < 2; side++) {
                boolean suiteTurn = (round + side) % 2 == 1;
                if (suiteTurn) {
                    suite = suite(java, jar, work.resolve("round" + round), warmupS, measureS);
                } else {
                    plain = plain(java, jar, warmupS, measureS);
                }
            }
            double ratio = suite[0] / plain[0];
            ratios.add(ratio);
            System.out.printf(Locale.ROOT, "%5d  %8.3f (%6d)    %8.3f (%6d)    %.4f%n", round, suite[0],
                    (long) suite[1], plain[0], (long) plain[1], ratio);
        }
        List<Double> sorted = ratios.stream().sorted().toList();
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        System.out.printf(Locale.ROOT, "median ratio suite/plain: %.4f (limit %.2f): %s%n", median, LIMIT,
                median <= LIMIT ? "OK" : "TOO MUCH OVERHEAD");
        System.exit(median <= LIMIT ? 0 : 1);
    }

    /** The suite's own cell through the launcher: one fork, JMH SampleTime; p50 and samples from its journal. */
    private static double[] suite(String java, Path jar, Path out, int warmupS, int measureS) throws Exception {
        run(List.of(java, "-jar", jar.toString(), "-p", "model=minilm", "-p", "precision=fp32", "-p", "batch=1",
                "-p", "seq=128", "-p", "threads=2", "-f", "1", "-wi", Integer.toString(warmupS), "-w", "1s",
                "-i", Integer.toString(measureS), "-r", "1s", "--out", out.toString(), "--run-id", "cell"));
        CellMetrics m = Cells.run(out.resolve("cell")).cells().get(0).metrics().orElseThrow();
        return new double[] {m.percentile(0.5).jmhMs(), m.samples()};
    }

    private static double[] plain(String java, Path jar, int warmupS, int measureS) throws Exception {
        String out = run(List.of(java, "-cp", jar.toString(), PlainOrtLoop.class.getName(), "2", "128", "1",
                Integer.toString(warmupS), Integer.toString(measureS)));
        Matcher m = PLAIN.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("the plain loop printed no p50: " + out);
        }
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("infbench-overhead", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("failed: " + String.join(" ", command) + "\n" + Files.readString(log));
        }
        return Files.readString(log);
    }
}
