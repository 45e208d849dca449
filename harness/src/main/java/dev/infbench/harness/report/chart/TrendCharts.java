package dev.infbench.harness.report.chart;

import dev.infbench.harness.nightly.History;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A machine's history as charts: per model, each cell's p50 over rounds night by night (the x axis counts the
 * machine's nights, oldest first), with the nights where a change was reported marked by a large red dot.
 */
public final class TrendCharts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final int MAX_SERIES = 40;

    private TrendCharts() {
    }

    /** One chart per model of {@code rows} ({@link History}), named {@code trend-MODEL}. */
    public static List<RunCharts.Chart> render(List<History.Row> rows) {
        List<String> nights = new ArrayList<>();
        for (History.Row r : rows) {
            String night = r.run();
            if (!nights.contains(night)) {
                nights.add(night);
            }
        }
        Map<String, List<History.Row>> byModel = new LinkedHashMap<>();
        rows.stream().filter(r -> r.figure().equals(History.P50) && r.value() != null)
                .forEach(r -> byModel.computeIfAbsent(r.model(), m -> new ArrayList<>()).add(r));
        List<RunCharts.Chart> charts = new ArrayList<>();
        for (Map.Entry<String, List<History.Row>> model : byModel.entrySet()) {
            XYSeriesCollection data = new XYSeriesCollection();
            Map<String, XYSeries> series = new LinkedHashMap<>();
            XYSeries alerts = new XYSeries("change reported", false, true);
            List<String> labels = labels(model.getValue());
            for (History.Row r : model.getValue()) {
                String label = labels.get(model.getValue().indexOf(r));
                XYSeries s = series.get(label);
                if (s == null) {
                    if (series.size() >= MAX_SERIES) {
                        continue;
                    }
                    s = new XYSeries(label, true, true);
                    series.put(label, s);
                }
                double x = nights.indexOf(r.run()) + 1;
                s.addOrUpdate(x, r.value().doubleValue());
                if ("yes".equals(r.alert())) {
                    alerts.add(x, r.value().doubleValue());
                }
            }
            series.values().forEach(data::addSeries);
            data.addSeries(alerts);
            JFreeChart chart = ChartFactory.createXYLineChart(model.getKey() + ": p50 night by night",
                    "night (this machine's, oldest first)", "p50 over rounds (ms)", data, PlotOrientation.VERTICAL,
                    true, false, false);
            RunCharts.style(chart);
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
            int last = data.getSeriesCount() - 1;
            renderer.setSeriesLinesVisible(last, false);
            renderer.setSeriesPaint(last, Color.RED);
            renderer.setSeriesShape(last, new Ellipse2D.Double(-6, -6, 12, 12));
            chart.getXYPlot().setRenderer(renderer);
            // A change of a few percent must be visible: the axis spans the values, not zero to them.
            ((org.jfree.chart.axis.NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
            charts.add(new RunCharts.Chart("trend-" + model.getKey().replaceAll("[^A-Za-z0-9._-]", "_"),
                    model.getKey() + " night by night", RunCharts.png(chart)));
        }
        return charts;
    }

    /** Each row's label: the parameters that differ between the model's cells (the key when none do). */
    private static List<String> labels(List<History.Row> rows) {
        List<Map<String, String>> params = rows.stream().map(r -> parse(r.params())).toList();
        List<String> varying = new ArrayList<>();
        for (Map<String, String> p : params) {
            for (Map.Entry<String, String> e : p.entrySet()) {
                if (!varying.contains(e.getKey())
                        && params.stream().anyMatch(o -> !e.getValue().equals(o.get(e.getKey())))) {
                    varying.add(e.getKey());
                }
            }
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> p = params.get(i);
            String label = String.join(" ", varying.stream().filter(p::containsKey).map(k -> k + "=" + p.get(k))
                    .toList());
            labels.add(label.isEmpty() ? rows.get(i).model() : label);
        }
        return labels;
    }

    private static Map<String, String> parse(String params) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : params.split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return out;
    }
}
