package dev.infbench.harness.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.infbench.format.ForkMetrics;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.jmh.JmhHistogram;
import dev.infbench.harness.jmh.JmhNumbers;
import dev.infbench.harness.jmh.ScoreUnit;
import dev.infbench.harness.stats.ForkStatistic;
import dev.infbench.harness.stats.Interval;
import dev.infbench.harness.stats.LevelShift;
import dev.infbench.harness.stats.QuantileInterval;
import dev.infbench.harness.stats.SampleHistogram;
import dev.infbench.harness.stats.Stability;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The numbers of one measured cell, derived from its JMH 1.37 JSON result and its {@code batch} parameter; every
 * time is in milliseconds, whatever unit JMH used.
 *
 * <p><b>Latency only from SampleTime.</b> Only mode {@code sample} records individual calls, so only there are the
 * percentiles per-call latencies. In {@code thrpt}, {@code avgt} and {@code ss}, JMH's percentiles are over
 * iteration scores; this class leaves the latency percentiles null there and says so through
 * {@link #percentilesAreIterationScores()}.
 *
 * <p><b>Tail rule.</b> Percentile q is reported only when {@code samples × (1 − q) ≥ }{@value #MIN_TAIL_SAMPLES},
 * i.e. at least ten samples lie beyond it: p50 needs n ≥ 20, p90 n ≥ 100, p99 n ≥ 1000, p99.9 n ≥ 10000. With fewer,
 * the "percentile" is essentially the largest few samples and changes wildly between runs. An unreported percentile
 * keeps JMH's raw value in {@link #percentile(double)} so later code can still look at it deliberately.
 *
 * <p><b>Percentile intervals.</b> {@link #p50Interval()} and {@link #p99Interval()} are distribution-free 95%
 * confidence intervals from order statistics over all samples of all forks (see {@link QuantileInterval}): for
 * quantile q of n samples, from the sample of rank {@code floor(nq − 1.96 √(nq(1−q)))} to the one of rank
 * {@code ceil(nq + 1.96 √(nq(1−q))) + 1}, clamped to 1..n, read off the sorted {@code rawDataHistogram} buckets.
 * They exist only for SampleTime cells and only where the tail rule holds for q: null otherwise.
 *
 * <p><b>Stability</b> ({@link #stability()}) judges the iteration means (SampleTime) or iteration scores (other
 * modes) of all forks: see {@link Stability}.
 *
 * <p><b>Throughput</b> is in samples (inputs) per second: {@code batch × callers × 1000 / mean_ms} for time-based
 * modes, and JMH's score in ops/s × batch for {@code thrpt} (whose score already sums all threads).
 */
public final class CellMetrics {

    /** Tail rule: how many samples must lie beyond a percentile for it to be reported. */
    public static final int MIN_TAIL_SAMPLES = 10;

    /** JMH's short label for SampleTime, the one mode with per-call latencies. */
    public static final String SAMPLE_TIME = "sample";

    private final String mode;
    private final long samples;
    private final int forks;
    private final int callers;
    private final int batch;
    private final Double meanMs;
    private final Double throughputPerS;
    /** JMH's scorePercentiles in ms, keyed by quantile as a fraction; empty outside SampleTime. */
    private final Map<Double, Double> percentilesMs;
    /** SampleTime: every timed call, in ms; null in other modes. */
    private final SampleHistogram histogram;
    private final Stability stability;
    /** Other modes: each fork's iteration scores, in the score unit; null for SampleTime. */
    private final List<List<Double>> forkScores;
    private final ScoreUnit unit;
    private final Double peakRssMib;
    private final Double heapPeakMib;
    private final Double loadMs;
    private final Double firstCallMs;
    /** A serving scenario's figures ({@code load.*} secondary results), each fork's value; null for other cells. */
    private LoadFigures load;

    private CellMetrics(String mode, long samples, int forks, int callers, int batch, Double meanMs,
            Double throughputPerS, Map<Double, Double> percentilesMs, SampleHistogram histogram,
            Stability stability, List<List<Double>> forkScores, ScoreUnit unit, Double peakRssMib,
            Double heapPeakMib, Double loadMs, Double firstCallMs) {
        this.loadMs = loadMs;
        this.firstCallMs = firstCallMs;
        this.peakRssMib = peakRssMib;
        this.heapPeakMib = heapPeakMib;
        this.forkScores = forkScores;
        this.unit = unit;
        this.mode = mode;
        this.samples = samples;
        this.forks = forks;
        this.callers = callers;
        this.batch = batch;
        this.meanMs = meanMs;
        this.throughputPerS = throughputPerS;
        this.percentilesMs = Collections.unmodifiableMap(percentilesMs);
        this.histogram = histogram;
        this.stability = stability;
    }

    /**
     * Metrics from one JMH JSON result object (an element of the array JMH writes with {@code -rf json}).
     *
     * @param batch inputs processed per benchmark operation
     * @throws HarnessException if the object is not a JMH result this class understands
     */
    public static CellMetrics fromJmh(JsonNode jmh, int batch) {
        return fromJmh(jmh, batch, JmhHistogram.sample(jmh));
    }

    /** {@link #fromJmh(JsonNode, int)} with the {@code rawDataHistogram} already read, in the score unit. */
    static CellMetrics fromJmh(JsonNode jmh, int batch, SampleHistogram rawHistogram) {
        if (batch < 1) {
            throw new HarnessException("batch must be 1 or more, was " + batch);
        }
        String mode = jmh.path("mode").asText(null);
        if (mode == null) {
            throw new HarnessException("JMH result has no mode");
        }
        int callers = jmh.path("threads").asInt(1);
        JsonNode primary = jmh.path("primaryMetric");
        ScoreUnit unit = ScoreUnit.parse(primary.path("scoreUnit").asText(null));
        double score = JmhNumbers.number(primary.get("score"));

        boolean throughputMode = switch (mode) {
            case "thrpt" -> true;
            case SAMPLE_TIME, "avgt", "ss" -> false;
            default -> throw new HarnessException("unknown JMH mode '" + mode + "'");
        };
        if (unit.throughput() != throughputMode) {
            throw new HarnessException("mode " + mode + " does not go with score unit "
                    + primary.path("scoreUnit").asText());
        }

        Map<Double, Double> percentiles = new LinkedHashMap<>();
        long samples;
        int forks;
        SampleHistogram histogram = null;
        Stability stability;
        List<List<Double>> forkScores = null;
        if (SAMPLE_TIME.equals(mode)) {
            histogram = rawHistogram == null ? SampleHistogram.builder().build()
                    : rawHistogram.scaled(unit.millisPerTimeUnit());
            forks = histogram.forks();
            samples = histogram.count();
            stability = histogram.stability();
            for (Map.Entry<String, JsonNode> field : primary.path("scorePercentiles").properties()) {
                percentiles.put(quantileOfPercentKey(field.getKey()), unit.toMillisPerOp(JmhNumbers.number(field
                        .getValue())));
            }
        } else {
            JsonNode rawData = primary.path("rawData");
            forks = rawData.size();
            samples = iterationCount(rawData);
            forkScores = iterationScores(rawData);
            stability = Stability.of(forkScores);
        }

        Double meanMs = null;
        Double throughput = null;
        if (throughputMode) {
            double opsPerS = unit.toOpsPerSecond(score);
            throughput = Double.isFinite(opsPerS) && opsPerS >= 0 ? opsPerS * batch : null;
        } else {
            double mean = unit.toMillisPerOp(score);
            if (Double.isFinite(mean)) {
                meanMs = mean;
                throughput = mean > 0 ? batch * (double) callers * 1000.0 / mean : null;
            }
        }
        JsonNode secondary = jmh.path("secondaryMetrics");
        LoadFigures load = LoadFigures.of(secondary);
        if (load != null) {
            // A serving scenario: JMH's score is the length of the invocation that drove the load, no figure of
            // the cell; its latencies and throughput are the load's, one value per fork.
            samples = Math.round(load.sum(ForkMetrics.LOAD_REQUESTS));
            forks = load.forks();
            meanMs = null;
            throughput = load.median(ForkMetrics.LOAD_SAMPLES_PER_S);
            percentiles.clear();
            putMedian(percentiles, 0.5, load, ForkMetrics.LOAD_P50_MS);
            putMedian(percentiles, 0.9, load, ForkMetrics.LOAD_P90_MS);
            putMedian(percentiles, 0.99, load, ForkMetrics.LOAD_P99_MS);
            forkScores = java.util.Arrays.stream(load.values(ForkMetrics.LOAD_SAMPLES_PER_S)).mapToObj(v -> List.of(v))
                    .toList();
            stability = Stability.of(forkScores);
        }
        CellMetrics m = new CellMetrics(mode, samples, forks, callers, batch, meanMs, throughput, percentiles,
                histogram, stability, forkScores, unit, maximum(secondary.path(ForkMetrics.PEAK_RSS_MIB)),
                maximum(secondary.path(ForkMetrics.HEAP_PEAK_MIB)), perFork(secondary.path(ForkMetrics.LOAD_MS)),
                perFork(secondary.path(ForkMetrics.FIRST_CALL_MS)));
        m.load = load;
        return m;
    }

    private static void putMedian(Map<Double, Double> percentiles, double q, LoadFigures load, String name) {
        Double v = load.median(name);
        if (v != null) {
            percentiles.put(q, v);
        }
    }

    /** A serving scenario's figures (offline, server, concurrency); empty for JMH's own closed loop. */
    public Optional<LoadFigures> load() {
        return Optional.ofNullable(load);
    }

    /** The median over forks of a value each fork repeats after every iteration (its cold start); null if none. */
    private static Double perFork(JsonNode metric) {
        List<Double> values = new ArrayList<>();
        for (JsonNode fork : metric.path("rawData")) {
            if (fork.size() > 0 && Double.isFinite(JmhNumbers.number(fork.get(0)))) {
                values.add(JmhNumbers.number(fork.get(0)));
            }
        }
        return values.isEmpty() ? null
                : dev.infbench.harness.stats.Median.of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Cold start: opening the cell's session in a fresh fork JVM (reading the model, building and optimising the
     * backend's graph), ms, the median over forks; null when the run did not record it.
     */
    public Double loadMs() {
        return loadMs;
    }

    /** Cold start: the new session's first call, ms, the median over forks; null when not recorded. */
    public Double firstCallMs() {
        return firstCallMs;
    }

    /**
     * The largest finite value of a secondary result's iterations over the cell's serving forks: every fork but the
     * first when there are several (the first also ran the accuracy gate, with a second, fp32 session, and its
     * resident memory keeps what that touched), else the only one; null when there is none.
     */
    private static Double maximum(JsonNode metric) {
        double max = Double.NaN;
        JsonNode forks = metric.path("rawData");
        int skip = forks.size() > 1 ? 1 : 0;
        for (JsonNode fork : forks) {
            if (skip-- > 0) {
                continue;
            }
            for (JsonNode v : fork) {
                double x = JmhNumbers.number(v);
                if (Double.isFinite(x) && !(x <= max)) {
                    max = x;
                }
            }
        }
        return Double.isFinite(max) ? max : null;
    }

    /**
     * The fork's peak resident memory (VmHWM) while measuring, MiB, the largest over the cell's serving forks (see
     * {@link #maximum}); null when the run did not record it (older runs, a machine without {@code /proc}).
     */
    public Double peakRssMib() {
        return peakRssMib;
    }

    /** The JVM heap's peak use in the cell's forks, MiB; null when not recorded. */
    public Double heapPeakMib() {
        return heapPeakMib;
    }

    /**
     * The tail rule: whether percentile {@code quantile} is meaningful with {@code samples} samples, i.e.
     * {@code samples × (1 − quantile) ≥ }{@value #MIN_TAIL_SAMPLES}. Computed in decimal, so p90 at n = 100 counts.
     */
    public static boolean tailReportable(double quantile, long samples) {
        // n(1 − q) ≥ 10 ⇔ n ≥ ⌈10 / (1 − q)⌉ for whole n; the bound, computed in decimal once per quantile.
        if (quantile == 0.5) {
            return samples >= MIN_SAMPLES_P50;
        }
        if (quantile == 0.99) {
            return samples >= MIN_SAMPLES_P99;
        }
        return samples >= MIN_SAMPLES.computeIfAbsent(quantile,
                q -> tail(q).signum() == 0 ? Long.MAX_VALUE : minSamples(q));
    }

    /** {@link #minSamples} per quantile asked for: a report over 10,000 cells asks for the same few again and again. */
    private static final Map<Double, Long> MIN_SAMPLES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final long MIN_SAMPLES_P50 = minSamples(0.5);
    private static final long MIN_SAMPLES_P99 = minSamples(0.99);

    /** The fewest samples for which {@code quantile} is reported, e.g. 1000 for 0.99. */
    public static long minSamples(double quantile) {
        BigDecimal tail = tail(quantile);
        if (tail.signum() == 0) {
            throw new IllegalArgumentException("the maximum (quantile 1) has no tail to satisfy the rule");
        }
        return BigDecimal.valueOf(MIN_TAIL_SAMPLES).divide(tail, 0, RoundingMode.CEILING).longValueExact();
    }

    private static BigDecimal tail(double quantile) {
        if (!(quantile >= 0 && quantile <= 1)) {
            throw new IllegalArgumentException("quantile must be within [0, 1], was " + quantile);
        }
        // Decimal, not binary: 100 × (1 − 0.9) is 9.999999999999998 in doubles.
        return BigDecimal.ONE.subtract(new BigDecimal(Double.toString(quantile)));
    }

    /** JMH's short mode label: {@code sample}, {@code thrpt}, {@code avgt} or {@code ss}. */
    public String mode() {
        return mode;
    }

    /** True for SampleTime, the only mode whose percentiles are per-call latencies. */
    public boolean isSampleTime() {
        return SAMPLE_TIME.equals(mode);
    }

    /**
     * True when JMH's percentiles for this cell are over iteration scores, not calls (every mode but SampleTime);
     * then the latency percentiles here are null and must not be presented as latency.
     */
    public boolean percentilesAreIterationScores() {
        return !isSampleTime() && load == null;
    }

    /** SampleTime: calls sampled (sum of histogram counts); other modes: measurement iterations. */
    public long samples() {
        return samples;
    }

    /** Forks that contributed raw data. */
    public int forks() {
        return forks;
    }

    /** Concurrent callers: JMH's {@code threads}. */
    public int callers() {
        return callers;
    }

    /** Inputs per benchmark operation. */
    public int batch() {
        return batch;
    }

    /**
     * JMH percentile {@code quantile} (e.g. 0.99), with its raw value and availability. Outside SampleTime, and for
     * quantiles JMH did not report, the raw value is null.
     */
    public Percentile percentile(double quantile) {
        // A serving cell's percentiles are each fork's own, then their median: the tail rule holds for the fewest
        // requests a fork measured, not for the forks pooled.
        long n = load == null ? samples : Math.round(java.util.Arrays.stream(load.values(ForkMetrics.LOAD_REQUESTS))
                .filter(Double::isFinite).min().orElse(0));
        return new Percentile(quantile, percentilesMs.get(quantile), n);
    }

    /** Median latency in ms, or null when unavailable (not SampleTime, tail rule, non-finite). */
    public Double p50Ms() {
        return percentile(0.5).ms();
    }

    /** 90th percentile latency in ms, or null when unavailable. */
    public Double p90Ms() {
        return percentile(0.9).ms();
    }

    /** 99th percentile latency in ms, or null when unavailable. */
    public Double p99Ms() {
        return percentile(0.99).ms();
    }

    /** 99.9th percentile latency in ms, or null when unavailable. */
    public Double p999Ms() {
        return percentile(0.999).ms();
    }

    /** 95% confidence interval of p50 in ms; null outside SampleTime or when p50 fails the tail rule. */
    public Interval p50Interval() {
        return interval(0.5);
    }

    /** 95% confidence interval of p99 in ms; null outside SampleTime or when p99 fails the tail rule. */
    public Interval p99Interval() {
        return interval(0.99);
    }

    /**
     * 95% order-statistic confidence interval of quantile {@code quantile} in ms, over all samples of all forks;
     * null outside SampleTime or when the quantile fails the tail rule (see the class comment).
     */
    public Interval interval(double quantile) {
        if (load != null && quantile == 0.99) {
            // Each fork's 95% order-statistic bounds of its p99 (of the requests it measured), their medians.
            Double low = load.median(ForkMetrics.LOAD_P99_LOW_MS);
            Double high = load.median(ForkMetrics.LOAD_P99_HIGH_MS);
            return low == null || high == null || !(low <= high) ? null : new Interval(low, high);
        }
        if (histogram == null || histogram.count() == 0 || !tailReportable(quantile, samples)) {
            return null;
        }
        // Walking the histogram is the costly part of a report over many cells: once per quantile.
        return intervals.computeIfAbsent(quantile, q -> java.util.Optional.ofNullable(QuantileInterval.of(histogram,
                q)))
                .orElse(null);
    }

    private final Map<Double, java.util.Optional<Interval>> intervals = new java.util.concurrent.ConcurrentHashMap<>();

    /** How still the iteration means (SampleTime) or iteration scores held, across iterations and forks. */
    public Stability stability() {
        return stability;
    }

    /**
     * The forks whose iteration means shifted level part-way (see {@link LevelShift}); empty when none did or a fork
     * has too few iterations to tell.
     */
    public List<LevelShift> levelShifts() {
        if (histogram != null) {
            return LevelShift.find(histogram.iterationMeans());
        }
        // Throughput scores are rates: as times (their inverses), a ratio above 1 is slower after, as for the others.
        return LevelShift.find("thrpt".equals(mode) ? forkScores.stream().map(f -> f.stream().map(x -> 1 / x)
                .toList()).toList() : forkScores);
    }

    /**
     * The figure of each fork, in fork order: a fork's own percentile where its calls pass the tail rule (NaN where
     * not), or its throughput from its mean call time (SampleTime) or its iteration scores (other modes). Latency
     * percentiles exist for SampleTime only (empty otherwise).
     */
    public double[] forkValues(Figure figure) {
        return forkValues.computeIfAbsent(figure, this::computeForkValues).clone();
    }

    private final Map<Figure, double[]> forkValues = new java.util.concurrent.ConcurrentHashMap<>();

    private double[] computeForkValues(Figure figure) {
        if (load != null) {
            if (figure == Figure.THROUGHPUT) {
                return load.values(ForkMetrics.LOAD_SAMPLES_PER_S);
            }
            double[] requests = load.values(ForkMetrics.LOAD_REQUESTS);
            double[] values = load.values(switch (figure) {
                case P50 -> ForkMetrics.LOAD_P50_MS;
                case P90 -> ForkMetrics.LOAD_P90_MS;
                default -> ForkMetrics.LOAD_P99_MS;
            });
            for (int i = 0; i < values.length; i++) {
                if (!(requests[i] >= 0) || !tailReportable(figure.quantile(), (long) requests[i])) {
                    values[i] = Double.NaN;
                }
            }
            return values;
        }
        if (histogram != null) {
            return histogram.forkSummaries().stream().mapToDouble(f -> {
                if (f.count() == 0) {
                    return Double.NaN;
                }
                if (figure == Figure.THROUGHPUT) {
                    return f.mean() > 0 ? batch * (double) callers * 1000.0 / f.mean() : Double.NaN;
                }
                return tailReportable(figure.quantile(), f.count()) ? f.quantile(figure.quantile()) : Double.NaN;
            }).toArray();
        }
        if (figure != Figure.THROUGHPUT || forkScores == null) {
            return new double[0];
        }
        return forkScores.stream().mapToDouble(scores -> {
            double mean = scores.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            return "thrpt".equals(mode) ? unit.toOpsPerSecond(mean) * batch
                    : mean > 0 ? batch * (double) callers * 1000.0 / unit.toMillisPerOp(mean) : Double.NaN;
        }).toArray();
    }

    /** The figure over forks (rounds): their median with a 95% interval (see {@link ForkStatistic}). */
    public ForkStatistic overForks(Figure figure) {
        return ForkStatistic.of(forkValues(figure));
    }

    /** Mean time per operation in ms (JMH's score) for sample, avgt and ss; null for thrpt or a non-finite score. */
    public Double meanMs() {
        return meanMs;
    }

    /** Inputs processed per second, all callers together; null when the score is not usable. */
    public Double throughputPerS() {
        return throughputPerS;
    }

    /** Milliseconds of wall time per input: {@code 1000 / throughputPerS}; null when throughput is unknown or 0. */
    public Double msPerSample() {
        return throughputPerS != null && throughputPerS > 0 ? 1000.0 / throughputPerS : null;
    }

    /** JMH keys scorePercentiles by percent ("99.9"); as a fraction, computed in decimal to hit 0.999 exactly. */
    private static double quantileOfPercentKey(String key) {
        Double known = QUANTILES.get(key);
        if (known != null) {
            return known;
        }
        try {
            double quantile = new BigDecimal(key).movePointLeft(2).doubleValue();
            if (QUANTILES.size() < 1000) {
                QUANTILES.put(key, quantile);
            }
            return quantile;
        } catch (NumberFormatException e) {
            throw new HarnessException("scorePercentiles key '" + key + "' is not a number", e);
        }
    }

    /** Percent keys already converted: every cell of a JMH file repeats the same ten. */
    private static final Map<String, Double> QUANTILES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The scores of {@code rawData}: forks → iteration scores, in JMH's unit (stability is unitless). */
    private static List<List<Double>> iterationScores(JsonNode rawData) {
        List<List<Double>> forks = new ArrayList<>();
        for (JsonNode fork : rawData) {
            List<Double> scores = new ArrayList<>();
            fork.forEach(score -> scores.add(JmhNumbers.number(score)));
            forks.add(scores);
        }
        return forks;
    }

    /** Counts the scores of {@code rawData}: forks → iteration scores. */
    private static long iterationCount(JsonNode rawData) {
        long total = 0;
        for (JsonNode fork : rawData) {
            total += fork.size();
        }
        return total;
    }
}
