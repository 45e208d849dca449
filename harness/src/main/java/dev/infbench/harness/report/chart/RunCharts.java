package dev.infbench.harness.report.chart;

import dev.infbench.format.CellStatus;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.metrics.CellMetrics;
import dev.infbench.harness.metrics.Figure;
import dev.infbench.harness.stats.ForkStatistic;
import dev.infbench.harness.stats.Interval;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYDotRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The charts of a run, drawn with JFreeChart (headless): latency and throughput against batch, throughput against
 * threads, and latency against throughput with its Pareto front (one chart per model: throughputs of different models
 * are not comparable). One series per combination of the other varying parameters (backend, precision, layout...).
 * Only cells that measured and passed the accuracy gate are drawn; the tables list the rest.
 *
 * <p>Each point is the cell's figure over rounds (the median of its forks' own figures, {@link ForkStatistic}) and
 * carries its 95% interval as an error bar, so that a tie can be seen: two points whose bars overlap are not told
 * apart by the run. A cell measured in one round has no interval and no bar.
 */
public final class RunCharts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** A rendered chart: a file name and its PNG bytes. */
    public record Chart(String name, String title, byte[] png) {
    }

    /** Distinguishable on white and in greyscale print (Tableau 10). */
    private static final Color[] PALETTE = {new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C),
        new Color(0xD62728), new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F),
        new Color(0xBCBD22), new Color(0x17BECF)};
    private static final int WIDTH = 800;
    /** Series beyond which a chart has no legend. */
    private static final int MAX_LEGEND = 24;
    /** Series beyond which the cells are drawn as one cloud of points. */
    private static final int MAX_SERIES = 60;
    private static final int HEIGHT = 500;
    /** Points beyond which a point series is drawn as a cloud of small squares. */
    private static final int MANY_POINTS = 1000;

    private RunCharts() {
    }

    /** Every chart that the run's parameters make meaningful (a batch chart needs at least two batch sizes...). */
    public static List<Chart> render(List<Cell> cells) {
        List<Point> points = points(cells);
        List<Chart> charts = new ArrayList<>();
        if (distinct(points, "batch") >= 2) {
            charts.add(line("latency-vs-batch", "p50 latency against batch", "batch", "p50 latency (ms)" + BARS,
                    points, "batch", Figure.P50));
            charts.add(line("throughput-vs-batch", "Throughput against batch", "batch", "samples/s" + BARS, points,
                    "batch", Figure.THROUGHPUT));
        }
        if (distinct(points, "threads") >= 2) {
            charts.add(line("throughput-vs-threads", "Throughput against intra-op threads", "threads (0 = all cores)",
                    "samples/s" + BARS, points, "threads", Figure.THROUGHPUT));
        }
        // Throughputs of different models are not comparable: one Pareto chart per model.
        Map<String, List<Point>> byModel = new LinkedHashMap<>();
        points.forEach(p -> byModel.computeIfAbsent(params(p.cell).getOrDefault("model", ""), m -> new ArrayList<>())
                .add(p));
        for (Map.Entry<String, List<Point>> e : byModel.entrySet()) {
            charts.add(pareto(e.getValue(), byModel.size() == 1 ? null : e.getKey()));
        }
        Chart rate = latencyVsRate(cells);
        if (rate != null) {
            charts.add(rate);
        }
        Chart probe = probeByRound(cells);
        if (probe != null) {
            charts.add(probe);
        }
        return charts;
    }

    /**
     * A server rate search's steps: the p99 (from each request's due time) against the offered rate, every step of
     * every fork, one series per cell, with the SLA as a line. Null when no cell searched.
     */
    private static Chart latencyVsRate(List<Cell> cells) {
        XYSeriesCollection data = new XYSeriesCollection();
        Double sla = null;
        for (Cell c : cells) {
            dev.infbench.harness.metrics.LoadFigures l = c.metrics().flatMap(m -> m.load()).orElse(null);
            if (l == null || l.steps().isEmpty() || data.getSeriesCount() >= MAX_SERIES) {
                continue;
            }
            XYSeries p99 = new XYSeries("#" + c.index() + " p99", true, true);
            XYSeries p50 = new XYSeries("#" + c.index() + " p50", true, true);
            for (dev.infbench.harness.metrics.LoadFigures.Step s : l.steps()) {
                if (Double.isFinite(s.p99Ms()) && s.p99Ms() > 0) {
                    p99.add(s.offeredPerS(), s.p99Ms());
                }
                if (Double.isFinite(s.p50Ms()) && s.p50Ms() > 0) {
                    p50.add(s.offeredPerS(), s.p50Ms());
                }
            }
            data.addSeries(p99);
            data.addSeries(p50);
            sla = l.median(dev.infbench.format.ForkMetrics.LOAD_SLA_MS);
        }
        if (data.getSeriesCount() == 0) {
            return null;
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Latency under load against offered rate (every step of"
                + " every fork)", "offered rate (requests/s, open-loop Poisson)", "latency from the due time (ms)",
                data, PlotOrientation.VERTICAL, true, false, false);
        style(chart);
        LogAxis y = new LogAxis("latency from the due time (ms, log)");
        y.setNumberFormatOverride(new DecimalFormat("0.#"));
        chart.getXYPlot().setRangeAxis(y);
        if (sla != null) {
            org.jfree.chart.plot.ValueMarker m = new org.jfree.chart.plot.ValueMarker(sla);
            m.setPaint(Color.GRAY);
            m.setLabel("SLA p99 " + dev.infbench.harness.report.text.DecimalText.figure(sla) + " ms");
            m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
            chart.getXYPlot().addRangeMarker(m);
        }
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer r = new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(
                true, true);
        chart.getXYPlot().setRenderer(r);
        return new Chart("latency-vs-rate", "Latency against offered rate", png(chart));
    }

    /**
     * The machine-speed probe of every fork by the round it ran in, one series per cell: the machine's regimes made
     * visible (a round where every cell's probe dropped was a slow minute of the machine, not of a cell). Null when no
     * cell carries probes by round.
     */
    private static Chart probeByRound(List<Cell> cells) {
        XYSeriesCollection data = new XYSeriesCollection();
        int n = 0;
        for (Cell c : cells) {
            List<dev.infbench.format.SpeedProbe> probes = c.entry().probes();
            List<Integer> rounds = c.entry().rounds();
            if (probes == null || rounds == null || probes.size() != rounds.size() || !c.hasRounds()) {
                continue;
            }
            XYSeries s = new XYSeries("#" + c.index() + " (" + probes.get(0).threads() + " threads)", true, true);
            for (int i = 0; i < probes.size(); i++) {
                s.add(rounds.get(i).doubleValue(), probes.get(i).computeMops());
            }
            if (n++ < MAX_SERIES) {
                data.addSeries(s);
            }
        }
        if (data.getSeriesCount() == 0) {
            return null;
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Machine speed by round (probe before each fork)", "round",
                "compute probe (M steps/s, all the fork's threads)", data, PlotOrientation.VERTICAL,
                data.getSeriesCount() <= MAX_LEGEND, false, false);
        style(chart);
        chart.getXYPlot().getDomainAxis().setStandardTickUnits(org.jfree.chart.axis.NumberAxis
                .createIntegerTickUnits());
        return new Chart("probe-by-round", "Machine speed by round", png(chart));
    }

    /** Said on the value axis: what a point and its bar are. */
    private static final String BARS = " (round median, 95% bars)";

    /**
     * One measured, accurate cell with the parameters that vary across the run, and its p50 latency and throughput
     * over rounds.
     */
    private record Point(Cell cell, CellMetrics metrics, Map<String, String> varying, ForkStatistic p50,
            ForkStatistic throughput) {
        ForkStatistic figure(Figure figure) {
            return figure == Figure.P50 ? p50 : throughput;
        }

        double latency() {
            return p50.point();
        }

        double samplesPerS() {
            return throughput.point();
        }

        double param(String name) {
            return Double.parseDouble(params(cell).getOrDefault(name, "0"));
        }

        String seriesWithout(String axis) {
            StringJoiner j = new StringJoiner(" ");
            varying.forEach((k, v) -> {
                if (!k.equals(axis)) {
                    j.add(k + "=" + v);
                }
            });
            return j.length() == 0 ? "all cells" : j.toString();
        }
    }

    private static List<Point> points(List<Cell> cells) {
        Map<String, String> fixed = fixed(cells);
        List<Point> points = new ArrayList<>();
        for (Cell c : cells) {
            if (c.status() != CellStatus.OK) {
                continue;
            }
            Optional<CellMetrics> m = c.metrics();
            if (m.isEmpty() || m.get().p50Ms() == null || m.get().throughputPerS() == null) {
                continue;
            }
            ForkStatistic p50 = overRounds(m.get(), Figure.P50, m.get().p50Ms());
            ForkStatistic throughput = overRounds(m.get(), Figure.THROUGHPUT, m.get().throughputPerS());
            Map<String, String> varying = new LinkedHashMap<>();
            params(c).forEach((k, v) -> {
                if (!fixed.containsKey(k)) {
                    varying.put(k, v);
                }
            });
            points.add(new Point(c, m.get(), varying, p50, throughput));
        }
        return points;
    }

    /** The figure over the cell's forks; where no fork has it (each too short for a p50), the pooled value alone. */
    private static ForkStatistic overRounds(CellMetrics metrics, Figure figure, double pooled) {
        ForkStatistic f = metrics.overForks(figure);
        return f.forks() > 0 && Double.isFinite(f.point()) ? f : new ForkStatistic(pooled, null, 0);
    }

    private static long distinct(List<Point> points, String param) {
        return points.stream().map(p -> params(p.cell).get(param)).distinct().count();
    }

    private static Chart line(String name, String title, String xLabel, String yLabel, List<Point> points,
                              String axis, Figure figure) {
        Map<String, YIntervalSeries> series = new LinkedHashMap<>();
        points.stream().sorted(Comparator.comparingDouble(p -> p.param(axis))).forEach(p -> {
            ForkStatistic f = p.figure(figure);
            if (Double.isFinite(f.point())) {
                Interval i = f.interval();
                series.computeIfAbsent(p.seriesWithout(axis), k -> new YIntervalSeries(k, true, true))
                        .add(p.param(axis), f.point(), i == null ? f.point() : i.low(), i == null ? f.point()
                                : i.high());
            }
        });
        boolean many = series.size() > MAX_SERIES;
        XYDataset data;
        if (many) {
            // Thousands of two-point lines say nothing (and JFreeChart lays them out in quadratic time): one cloud,
            // without bars (thousands of bars are a smear).
            XYSeries all = new XYSeries("all " + points.size() + " cells (" + series.size() + " configurations)",
                    false, true);
            series.values().forEach(one -> {
                for (int i = 0; i < one.getItemCount(); i++) {
                    all.add(one.getX(i), one.getYValue(i));
                }
            });
            data = new XYSeriesCollection(all);
        } else {
            YIntervalSeriesCollection intervals = new YIntervalSeriesCollection();
            series.values().forEach(intervals::addSeries);
            data = intervals;
        }
        // Past a screenful of series a legend is unreadable and costly to lay out; the tables name every cell.
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                series.size() <= MAX_LEGEND, false, false);
        style(chart);
        if (!many) {
            chart.getXYPlot().setRenderer(errorBars(true));
        } else {
            ((XYLineAndShapeRenderer) chart.getXYPlot().getRenderer()).setSeriesLinesVisible(0, false);
            if (points.size() > MANY_POINTS) {
                chart.getXYPlot().setRenderer(dots(PALETTE[0]));
            }
        }
        if (axis.equals("batch")) {
            // Batch sizes grow in powers of two: a log2 axis spaces them evenly, labelled with the sizes themselves.
            LogAxis x = new LogAxis(xLabel);
            x.setBase(2);
            x.setSmallestValue(1);
            x.setTickUnit(new NumberTickUnit(1));
            x.setNumberFormatOverride(new DecimalFormat("0"));
            chart.getXYPlot().setDomainAxis(x);
        }
        return new Chart(name, title, png(chart));
    }

    /**
     * Latency against throughput; the Pareto front (no other cell both faster and higher-throughput) joined up. Each
     * cell's bars are its 95% intervals on both axes.
     */
    private static Chart pareto(List<Point> points, String model) {
        XYIntervalSeries all = new XYIntervalSeries("cells (bars: 95% over rounds)", false, true);
        points.forEach(p -> {
            Interval x = p.p50.interval();
            Interval y = p.throughput.interval();
            all.add(p.latency(), x == null ? p.latency() : x.low(), x == null ? p.latency() : x.high(),
                    p.samplesPerS(), y == null ? p.samplesPerS() : y.low(), y == null ? p.samplesPerS() : y.high());
        });
        XYSeries front = new XYSeries("Pareto front", true, true);
        for (Point p : paretoFront(points)) {
            front.add(p.latency(), p.samplesPerS());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(front);
        JFreeChart chart = ChartFactory.createXYLineChart("Latency against throughput"
                + (model == null ? "" : ": " + model), "p50 latency (ms)",
                "samples/s", data, PlotOrientation.VERTICAL, true, false, false);
        // Medians over rounds on both axes.
        chart.getXYPlot().getDomainAxis().setLabel("p50 latency (ms)" + BARS);
        chart.getXYPlot().getRangeAxis().setLabel("samples/s" + BARS);
        style(chart);
        XYPlot plot = chart.getXYPlot();
        plot.getRenderer().setSeriesPaint(0, new Color(0xD62728));
        // The cells behind the front: points, drawn first so that the front stays on top.
        XYIntervalSeriesCollection cells = new XYIntervalSeriesCollection();
        cells.addSeries(all);
        plot.setDataset(1, cells);
        Color blue = new Color(0x1F77B4);
        if (points.size() > MANY_POINTS) {
            plot.setRenderer(1, dots(blue));
        } else {
            XYErrorRenderer bars = errorBars(false);
            bars.setDrawXError(true);
            bars.setSeriesPaint(0, blue);
            bars.setErrorPaint(blue);
            plot.setRenderer(1, bars);
        }
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.REVERSE);
        return new Chart(model == null ? "pareto" : "pareto-" + model.replaceAll("[^A-Za-z0-9._-]", "_"),
                "Latency against throughput (Pareto front)" + (model == null ? "" : ": " + model), png(chart));
    }

    /**
     * Cells that no other cell beats on both p50 latency and throughput: sorted by latency (then by throughput,
     * highest first), a cell is on the front when its throughput beats every faster cell's (equal twins of a front
     * cell are on it too). O(n log n): a report over 10,000 cells must not compare every pair.
     */
    static List<Point> paretoFront(List<Point> points) {
        List<Point> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(Point::latency)
                .thenComparing(Comparator.comparingDouble(Point::samplesPerS).reversed()));
        List<Point> front = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        Point last = null;
        for (Point p : sorted) {
            double latency = p.latency();
            double throughput = p.samplesPerS();
            boolean twin = last != null && latency == last.latency() && throughput == best;
            if (throughput > best || twin) {
                front.add(p);
                best = Math.max(best, throughput);
                last = p;
            }
        }
        return front;
    }

    /** The cells on the Pareto front, for tables. */
    public static List<Cell> paretoCells(List<Cell> cells) {
        return paretoFront(points(cells)).stream().map(Point::cell).toList();
    }

    private static Map<String, String> params(Cell cell) {
        return cell.params() == null ? Map.of() : cell.params();
    }

    /** Parameters with the same value in every cell. */
    private static Map<String, String> fixed(List<Cell> cells) {
        Map<String, String> fixed = new LinkedHashMap<>(cells.isEmpty() ? Map.of() : params(cells.get(0)));
        for (Cell c : cells) {
            fixed.entrySet().removeIf(e -> !e.getValue().equals(params(c).get(e.getKey())));
        }
        return fixed;
    }

    /**
     * A renderer for thousands of points: small unsmoothed squares. Anti-aliased circles for 10,000 cells cost most
     * of a report's time and blur into a blot anyway.
     */
    private static XYDotRenderer dots(Color color) {
        XYDotRenderer dots = new XYDotRenderer();
        dots.setDotWidth(3);
        dots.setDotHeight(3);
        dots.setSeriesPaint(0, color);
        return dots;
    }

    /** Points with their 95% bars in the series' own colour; lines between points when {@code lines}. */
    private static XYErrorRenderer errorBars(boolean lines) {
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDefaultLinesVisible(lines);
        r.setDefaultShapesVisible(true);
        r.setDrawXError(false);
        r.setDrawYError(true);
        r.setCapLength(6);
        r.setErrorStroke(new BasicStroke(1.2f));
        for (int i = 0; i < 16; i++) {
            r.setSeriesStroke(i, new BasicStroke(2f));
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        return r;
    }

    static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < 16; i++) {
            r.setSeriesStroke(i, new BasicStroke(2f));
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        plot.setRenderer(r);
    }

    static byte[] png(JFreeChart chart) {
        // Opaque RGB: a white chart needs no alpha channel, and PNG encoding is a quarter cheaper without it.
        BufferedImage image = chart.createBufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
