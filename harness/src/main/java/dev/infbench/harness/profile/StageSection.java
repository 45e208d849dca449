package dev.infbench.harness.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.infbench.format.ForkMetrics;
import dev.infbench.format.Json;
import dev.infbench.format.ProfileFiles;
import dev.infbench.format.Params;
import dev.infbench.format.RunLayout;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.report.table.PlainTable;
import dev.infbench.harness.report.text.DecimalText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the time of a whole request goes: the pipeline forks of a {@code --profile} run, one per model, each call
 * timing its preprocessing, the model and its postprocessing ({@code ForkMetrics.STAGE_*}, the means per call over
 * the fork's measured iterations). Shares are of the end to end, measured in the same calls: one line per model says
 * them ("the model is 87% of end to end at batch 1; preprocessing 13%").
 */
public final class StageSection {
    private StageSection() {
    }

    /** One pipeline fork's stages, ms per call. */
    public record Stages(Cell cell, String model, String batch, double preprocessMs, double modelMs,
                         double postprocessMs, double endToEndMs, String preprocess, String postprocess) {
        double share(double ms) {
            return endToEndMs > 0 ? ms / endToEndMs : Double.NaN;
        }

        /** "minilm at batch 1: the model is 97% of end to end; preprocessing 2.3%, postprocessing 0.9%". */
        public String sentence() {
            return String.format(Locale.ROOT, "%s at batch %s: the model is %s of end to end; preprocessing %s,"
                    + " postprocessing %s", model, batch, percent(share(modelMs)), percent(share(preprocessMs)),
                    percent(share(postprocessMs)));
        }
    }

    /** The stages of every pipeline fork of {@code runDir}; a line in {@code problems} for one that has none. */
    public static List<Stages> read(List<Cell> cells, Path runDir, List<String> problems) {
        List<Stages> out = new ArrayList<>();
        for (Cell cell : cells) {
            Path file = RunLayout.pipeline(runDir, cell.index());
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                ProfileFiles.Pipeline fork = Json.MAPPER.readValue(file.toFile(), ProfileFiles.Pipeline.class);
                of(cell, fork).ifPresentOrElse(out::add, () -> problems.add("pipeline fork at cell "
                        + cell.index() + ": " + (fork == null || fork.status() == null ? "no result" : fork.status())
                        + " " + (fork == null || fork.reason() == null ? "(no stage figures)" : fork.reason())));
            } catch (IOException e) {
                problems.add("pipeline fork at cell " + cell.index() + ": not readable (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    static Optional<Stages> of(Cell cell, ProfileFiles.Pipeline fork) {
        if (fork == null || fork.jmh() == null) {
            return Optional.empty();
        }
        JsonNode secondary = fork.jmh().path("secondaryMetrics");
        double[] ms = new double[ForkMetrics.STAGES.size()];
        for (int i = 0; i < ms.length; i++) {
            JsonNode score = secondary.path(ForkMetrics.STAGES.get(i)).path("score");
            if (!score.isNumber() || !(score.asDouble() >= 0) || Double.isInfinite(score.asDouble())) {
                return Optional.empty();
            }
            ms[i] = score.asDouble();
        }
        JsonNode effective = fork.effective() == null ? Json.MAPPER.missingNode() : fork.effective();
        return Optional.of(new Stages(cell, cell.params().getOrDefault(Params.MODEL, "?"),
                cell.params().getOrDefault(Params.BATCH, "?"), ms[0], ms[1], ms[2], ms[3],
                effective.path("pipeline_preprocess").asText(""), effective.path("pipeline_postprocess").asText("")));
    }

    static PlainTable section(List<Stages> stages, List<String> problems) {
        PlainTable.Builder b = new PlainTable.Builder("Where a request's time goes: preprocess, model, postprocess");
        stages.forEach(s -> b.before(s.sentence() + "."));
        b.text("model").text("cell").number("batch").number("preprocess ms").number("model ms")
                .number("postprocess ms").number("end to end ms").text("preprocess / model / postprocess");
        for (Stages s : stages) {
            b.row(List.of(s.model(), "#" + s.cell().index(), s.batch(), ms(s.preprocessMs()), ms(s.modelMs()),
                    ms(s.postprocessMs()), ms(s.endToEndMs()), percent(s.share(s.preprocessMs())) + " / "
                            + percent(s.share(s.modelMs())) + " / " + percent(s.share(s.postprocessMs()))));
        }
        for (Stages s : stages) {
            if (!s.preprocess().isEmpty()) {
                b.after(s.model() + ": preprocess = " + s.preprocess() + "; model = the call with its outputs copied"
                        + " to the host; postprocess = " + s.postprocess() + ".");
            }
        }
        b.after("One pipeline fork per model at the configuration of its cell (its baseline where measured), after the"
                + " measured rounds; each call is timed stage by stage, the means per call over its measured"
                + " iterations. The stages are measured in the same calls, so their shares hold whatever the machine"
                + " was doing.");
        problems.forEach(p -> b.after("Not measured: " + p));
        return b.build();
    }

    static String ms(double v) {
        return DecimalText.significant(v, 3);
    }

    static String percent(double share) {
        if (!Double.isFinite(share)) {
            return "n/a";
        }
        return share >= 0.1 ? String.format(Locale.ROOT, "%.0f%%", 100 * share)
                : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
}
