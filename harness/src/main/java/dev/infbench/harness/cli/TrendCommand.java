package dev.infbench.harness.cli;

import dev.infbench.format.NightlyLayout;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.nightly.DashboardExport;
import dev.infbench.harness.nightly.History;
import dev.infbench.harness.report.chart.RunCharts;
import dev.infbench.harness.report.chart.TrendCharts;
import dev.infbench.harness.report.text.DecimalText;
import dev.infbench.harness.report.text.MarkdownText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trend --home DIR}: every machine's history as charts, a summary and the dashboards' JSON. */
@Command(name = "trend", description = "Write, for every machine in the nightly home's history/, its trend charts"
        + " (one per model, reported changes marked), trend.md, and the latest night for dashboards"
        + " (github-action-benchmark and Bencher JSON) under trend/HARDWARE_KEY/.")
public final class TrendCommand implements Callable<Integer> {
    @Mixin
    private Common common;

    @Option(names = "--home", paramLabel = "DIR", required = true, description = "The nightly home.")
    private Path home;

    @Override
    public Integer call() {
        Path historyDir = home.resolve(NightlyLayout.HISTORY);
        List<Path> files;
        try (Stream<Path> list = Files.list(historyDir)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(NightlyLayout.HISTORY_SUFFIX)).sorted()
                    .toList();
        } catch (IOException e) {
            throw new HarnessException(historyDir + ": no history to chart (" + e.getMessage() + ")", e);
        }
        for (Path file : files) {
            History.Read read = History.read(file);
            read.warnings().forEach(w -> common.err().println("harness: warning: " + w));
            String name = file.getFileName().toString();
            Path out = home.resolve(NightlyLayout.TREND).resolve(name.substring(0, name.length()
                    - NightlyLayout.HISTORY_SUFFIX.length()));
            try {
                Files.createDirectories(out);
                for (RunCharts.Chart c : TrendCharts.render(read.rows())) {
                    Path png = out.resolve(c.name() + ".png");
                    Files.write(png, c.png());
                    common.out().println("wrote " + png);
                }
                Path md = out.resolve("trend.md");
                Files.writeString(md, markdown(read.rows()));
                common.out().println("wrote " + md);
            } catch (IOException e) {
                throw new HarnessException(out + ": cannot write (" + e.getMessage() + ")", e);
            }
            DashboardExport.write(read.rows(), out).forEach(f -> common.out().println("wrote " + f));
        }
        common.out().flush();
        return 0;
    }

    /** Per cell: its nights, its latest p50 and trend z, and the nights where a change was reported. */
    static String markdown(List<History.Row> rows) {
        Map<String, List<History.Row>> byKey = new LinkedHashMap<>();
        rows.stream().filter(r -> r.figure().equals(History.P50))
                .forEach(r -> byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));
        StringBuilder md = new StringBuilder("# Trend\n\n| cell | nights | latest p50 ms | trend z | verdict | changes"
                + " reported |\n|---|---:|---:|---:|---|---|\n");
        for (Map.Entry<String, List<History.Row>> e : byKey.entrySet()) {
            History.Row last = e.getValue().get(e.getValue().size() - 1);
            List<String> reported = e.getValue().stream().filter(r -> "yes".equals(r.alert())).map(History.Row::run)
                    .toList();
            md.append("| ").append(MarkdownText.inline(e.getKey())).append(" | ").append(e.getValue().size())
                    .append(" | ").append(last.value() == null ? "-" : DecimalText.figure(last.value()))
                    .append(" | ").append(last.trendZ() == null ? "-" : DecimalText.ratio(last.trendZ(), 1))
                    .append(" | ").append(MarkdownText.inline(last.verdict())).append(" | ")
                    .append(reported.isEmpty() ? "none" : MarkdownText.inline(String.join(", ", reported)))
                    .append(" |\n");
        }
        md.append("\ntrend z: the latest night's p50 against the ").append(dev.infbench.harness.nightly.TrendCheck
                .WINDOW).append(" nights before it, in their own spread (median absolute deviation); '-' with fewer"
                + " than ").append(dev.infbench.harness.nightly.TrendCheck.MIN_NIGHTS).append(" nights before it.\n");
        return md.toString();
    }
}
