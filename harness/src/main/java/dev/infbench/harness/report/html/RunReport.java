package dev.infbench.harness.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.infbench.format.Json;
import dev.infbench.format.MachinePeak;
import dev.infbench.format.RunLayout;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.profile.ProfileSections;
import dev.infbench.harness.read.Cells;
import dev.infbench.harness.read.JmhJsonReader;
import dev.infbench.harness.report.chart.RunCharts;
import dev.infbench.harness.report.csv.ResultsCsv;
import dev.infbench.harness.report.csv.WideCsv;
import dev.infbench.harness.report.table.HtmlTable;
import dev.infbench.harness.report.table.MarkdownTable;
import dev.infbench.harness.report.table.PlainTable;
import dev.infbench.harness.report.table.SummaryTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Writes everything a run folder's reader needs: {@code report.html} (self-contained: styles inline, charts as
 * embedded PNG, no network when viewed), {@code charts/*.png} for documents, {@code summary.md}, {@code best.md},
 * {@code results.csv} and {@code results-wide.csv}. Reads only the run folder; the launcher calls it at the end of
 * every run, and {@code harness report} calls it on any run folder.
 */
public final class RunReport {
    /** The latency budget of the within-SLA pick when none is given (p99, ms). */
    public static final double DEFAULT_SLA_MS = 50;

    private RunReport() {
    }

    /**
     * What was written, for the caller to print.
     *
     * @param warnings what was tolerated in reading the run (a torn journal line), also shown in the report
     * @param notes    what the report could not do or draw
     */
    public record Written(List<Path> files, List<String> warnings, List<String> notes) {
    }

    public static Written write(Path runDir, double slaMs) {
        return write(runDir, runDir, slaMs);
    }

    /**
     * Reports {@code input} (a run folder, or a JMH JSON file from any suite) into {@code runDir}, which is the run
     * folder itself for a run folder.
     */
    public static Written write(Path input, Path runDir, double slaMs) {
        if (!Files.exists(input)) {
            throw new HarnessException(input + ": no such run folder or JMH JSON file");
        }
        long t0 = System.nanoTime();
        Cells read = slimCells(input);
        List<Cell> cells = read.cells();
        phase("read " + cells.size() + " cells", t0);
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new HarnessException(runDir + ": cannot create (" + e.getMessage() + ")", e);
        }
        JsonNode env = readJson(runDir.resolve(RunLayout.ENV));
        JsonNode run = readJson(runDir.resolve(RunLayout.RUN));
        List<Path> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        MachinePeak peak = Files.isDirectory(input) ? MachinePeak.read(input, notes::add).orElse(null) : null;
        List<PlainTable> profile = ProfileSections.of(cells, peak, input, env, slaMs);
        dev.infbench.harness.metrics.MachineProbes.warning(cells).ifPresent(notes::add);
        // Charts take as long as all the tables together: drawn on another core meanwhile.
        CompletableFuture<List<RunCharts.Chart>> drawing = CompletableFuture.supplyAsync(() -> {
            long t = System.nanoTime();
            List<RunCharts.Chart> charts = RunCharts.render(cells);
            phase("charts (in parallel)", t);
            return charts;
        }, RunReport::daemon);
        // The wide CSV is independent of the rest: written meanwhile too (null when written, else why not).
        CompletableFuture<String> wide = CompletableFuture.supplyAsync(() -> {
            long t = System.nanoTime();
            try {
                WideCsv.write(cells, runDir.resolve(RunLayout.RESULTS_WIDE_CSV));
                return null;
            } catch (dev.infbench.format.FormatException e) {
                return RunLayout.RESULTS_WIDE_CSV + " not written: " + e.getMessage();
            } finally {
                phase(RunLayout.RESULTS_WIDE_CSV + " (in parallel)", t);
            }
        }, RunReport::daemon);
        try {
            long t = System.nanoTime();
            ResultsCsv.write(cells, peak, runDir.resolve(RunLayout.RESULTS_CSV));
            t = phase(RunLayout.RESULTS_CSV, t);
            files.add(runDir.resolve(RunLayout.RESULTS_CSV));
            String wideNote = joined(wide);
            if (wideNote == null) {
                files.add(runDir.resolve(RunLayout.RESULTS_WIDE_CSV));
            } else {
                notes.add(wideNote);
            }
            t = phase("waiting for " + RunLayout.RESULTS_WIDE_CSV, t);
            SummaryTable.Layout layout = cells.isEmpty() ? null : SummaryTable.layout(cells);
            String markdown = MarkdownTable.render(cells, layout);
            write(runDir.resolve(RunLayout.SUMMARY_MD), markdown);
            files.add(runDir.resolve(RunLayout.SUMMARY_MD));
            t = phase(RunLayout.SUMMARY_MD, t);
            if (!profile.isEmpty()) {
                write(runDir.resolve(RunLayout.PROFILE_MD), profile.stream().map(PlainTable::markdown)
                        .collect(java.util.stream.Collectors.joining()));
                files.add(runDir.resolve(RunLayout.PROFILE_MD));
            }
            BestSection.Picks picks = BestSection.of(cells, env, slaMs);
            write(runDir.resolve(RunLayout.BEST_MD), picks.markdown());
            files.add(runDir.resolve(RunLayout.BEST_MD));

            t = phase(RunLayout.BEST_MD, t);
            List<RunCharts.Chart> charts = joined(drawing);
            t = phase("waiting for charts", t);
            Path chartDir = runDir.resolve(RunLayout.CHARTS);
            Files.createDirectories(chartDir);
            for (RunCharts.Chart c : charts) {
                Path png = chartDir.resolve(c.name() + ".png");
                Files.write(png, c.png());
                files.add(png);
            }
            write(runDir.resolve(RunLayout.REPORT_HTML), html(runDir, cells, read.warnings(), layout, env, run, charts,
                    picks.plain(), profile));
            phase(RunLayout.REPORT_HTML, t);
            files.add(runDir.resolve(RunLayout.REPORT_HTML));
        } catch (IOException e) {
            throw new HarnessException(runDir + ": cannot write the report (" + e.getMessage() + ")", e);
        }
        // A torn journal line is said on the terminal and in the report, never dropped silently.
        return new Written(files, read.warnings(), notes);
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "report-charts");
        thread.setDaemon(true);
        thread.start();
    }

    /** The future's value; its own exception (not a CompletionException) when it failed. */
    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** With {@code -Dinfbench.report.timing=true}, prints how long each part of the report took (to stderr). */
    private static long phase(String what, long since) {
        long now = System.nanoTime();
        if (Boolean.getBoolean("infbench.report.timing")) {
            System.err.printf(java.util.Locale.ROOT, "  %-24s %7.2f s%n", what, (now - since) / 1e9);
        }
        return now;
    }

    /**
     * The cells, each slimmed as it is read: a JMH JSON file is streamed so that memory holds compact histograms
     * rather than JSON trees (10,000 cells fit a 512 MB heap).
     */
    private static Cells slimCells(Path input) {
        if (Files.isDirectory(input)) {
            return Cells.run(input);
        }
        List<Cell> cells = new ArrayList<>();
        JmhJsonReader.forEachSlim(input, cells::add);
        return new Cells(input, cells, List.of());
    }

    private static String html(Path runDir, List<Cell> cells, List<String> readWarnings, SummaryTable.Layout layout,
                               JsonNode env, JsonNode run, List<RunCharts.Chart> charts, String best,
                               List<PlainTable> profile) {
        String title = "infbench run " + runDir.toAbsolutePath().normalize().getFileName();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(HtmlTable.escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n")
                .append("<body>\n<h1>").append(HtmlTable.escape(title)).append("</h1>\n");
        h.append("<table class=\"meta\">\n");
        meta(h, "machine", text(env, "host") + " — " + text(env, "cpu", "model") + ", "
                + text(env, "cpu_budget", "cores") + " usable cores, " + text(env, "memory", "total_gib") + " GiB");
        meta(h, "GPU", env.path("gpu").path("models").isArray() && env.path("gpu").path("models").size() > 0
                ? env.path("gpu").path("models").toString() : "none");
        meta(h, "hardware key", text(env, "keys", "hardware"));
        meta(h, "software key", text(env, "keys", "software") + " (infbench " + text(env, "software", "infbench")
                + ", git " + text(env, "software", "git_commit") + ", ONNX Runtime " + text(env, "software",
                        "onnxruntime")
                + ", JVM " + text(env, "jvm", "version") + ")");
        meta(h, "run", text(run, "state") + ", " + text(run, "started_at") + " → " + text(run, "finished_at"));
        meta(h, "command line", run.path("command_line").isArray() ? join(run.path("command_line")) : "");
        h.append("</table>\n");
        if (!readWarnings.isEmpty()) {
            h.append("<div class=\"warn\"><b>Run folder warnings</b><ul>\n");
            readWarnings.forEach(w -> h.append("<li>").append(HtmlTable.escape(w)).append("</li>\n"));
            h.append("</ul></div>\n");
        }
        List<String> warnings = new ArrayList<>();
        run.path("warnings").forEach(w -> warnings.add(w.asText()));
        dev.infbench.harness.metrics.MachineProbes.warning(cells).ifPresent(warnings::add);
        if (!warnings.isEmpty()) {
            h.append("<div class=\"warn\"><b>Machine warnings</b><ul>\n");
            warnings.forEach(w -> h.append("<li>").append(HtmlTable.escape(w)).append("</li>\n"));
            h.append("</ul></div>\n");
        }
        h.append("<h2>Cells</h2>\n").append(HtmlTable.render(cells, layout));
        profile.forEach(section -> h.append(section.html()));
        h.append("<h2>Best configurations</h2>\n<pre class=\"best\">").append(HtmlTable.escape(best))
                .append("</pre>\n");
        h.append("<h2>Charts</h2>\n");
        if (charts.isEmpty()) {
            h.append("<p>No chart: no cell measured and passed the accuracy gate.</p>\n");
        }
        for (RunCharts.Chart c : charts) {
            h.append("<figure><img alt=\"").append(HtmlTable.escape(c.title()))
                    .append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(c.png())).append("\"><figcaption>")
                    .append(HtmlTable.escape(c.title())).append(" (charts/").append(c.name())
                    .append(".png); only OK cells are drawn</figcaption></figure>\n");
        }
        h.append("<p class=\"foot\">Written by the infbench harness from " + RunLayout.JOURNAL + ", " + RunLayout.ENV
                + " and " + RunLayout.RUN + ". "
                + "Latencies are per-call JMH SampleTime percentiles in milliseconds; a percentile is shown only "
                + "with at least 10 samples beyond it.</p>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void meta(StringBuilder h, String key, String value) {
        h.append("<tr><th>").append(HtmlTable.escape(key)).append("</th><td>").append(HtmlTable.escape(value))
                .append("</td></tr>\n");
    }

    private static String text(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            n = n.path(p);
        }
        return n.isMissingNode() || n.isNull() ? "unknown" : n.asText();
    }

    private static String join(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(a -> parts.add(a.asText()));
        return String.join(" ", parts);
    }

    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new HarnessException(file + ": not readable JSON (" + e.getMessage() + ")", e);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static final String CSS = """
            body { font-family: system-ui, sans-serif; margin: 2em; color: #222; max-width: 1200px; }
            table { border-collapse: collapse; margin: 1em 0; font-size: 14px; }
            th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            table.meta th { background: #f4f4f4; }
            thead th { background: #eef; }
            .warn { background: #fff4e5; border: 1px solid #f0a030; padding: 0.5em 1em; }
            pre.best { background: #f8f8f8; padding: 1em; white-space: pre-wrap; }
            figure { margin: 1em 0; } figcaption { font-size: 13px; color: #555; }
            ul.notes { font-size: 13px; color: #444; } .foot { font-size: 12px; color: #666; }
            """;
}
