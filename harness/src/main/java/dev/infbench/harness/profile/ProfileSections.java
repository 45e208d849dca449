package dev.infbench.harness.profile;

import dev.infbench.format.MachinePeak;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.report.table.PlainTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's "where the time goes" sections, in order: the diagnoses, a batch-size search's answers (a run made
 * with {@code --batch-search}), the share of the machine's peak, and for a run made with
 * {@code --profile} the stage shares of the pipeline forks and the operator tables of the backends' profiles.
 */
public final class ProfileSections {
    private ProfileSections() {
    }

    /**
     * @param runDir the run folder, or a JMH JSON file (then there is neither a peak nor a profile)
     */
    public static List<PlainTable> of(List<Cell> cells, MachinePeak peak, Path runDir) {
        return of(cells, peak, runDir, dev.infbench.format.Json.MAPPER.createObjectNode(), 50);
    }

    /**
     * The sections, the diagnoses first (when any fired, or the run has a peak or profiles to judge by), read
     * against the run's {@code env} (its cores) and the SLA.
     */
    public static List<PlainTable> of(List<Cell> cells, MachinePeak peak, Path runDir,
                                      com.fasterxml.jackson.databind.JsonNode env, double slaMs) {
        List<PlainTable> sections = new ArrayList<>();
        boolean folder = runDir != null && java.nio.file.Files.isDirectory(runDir);
        List<String> stageProblems = new ArrayList<>();
        List<StageSection.Stages> stages = folder ? StageSection.read(cells, runDir, stageProblems) : List.of();
        List<Diagnoses.Diagnosis> diagnoses = Diagnoses.of(cells, Diagnoses.Inputs.of(peak, stages, env, slaMs));
        if (!diagnoses.isEmpty() || peak != null || !stages.isEmpty()) {
            sections.add(Diagnoses.section(diagnoses));
        }
        if (folder) {
            BatchSearchSection.of(cells, batchSearch(runDir)).ifPresent(sections::add);
        }
        ServingSection.of(cells, slaMs).ifPresent(sections::add);
        PeakSection.of(cells, peak).ifPresent(sections::add);
        if (!folder) {
            return sections;
        }
        if (!stages.isEmpty() || !stageProblems.isEmpty()) {
            sections.add(StageSection.section(stages, stageProblems));
        }
        List<String> profileProblems = new ArrayList<>();
        for (OperatorSections.Profiled p : OperatorSections.read(cells, runDir, profileProblems)) {
            sections.add(OperatorSections.section(p, cells, runDir));
        }
        if (!profileProblems.isEmpty()) {
            PlainTable.Builder b = new PlainTable.Builder("Cells without an operator table");
            profileProblems.forEach(b::after);
            sections.add(b.build());
        }
        return sections;
    }

    /** The run's batch-search budgets from its run.json; null for no search, or a run.json that cannot be read. */
    private static dev.infbench.format.RunManifest.BatchSearch batchSearch(Path runDir) {
        try {
            return dev.infbench.format.RunManifest.read(runDir).map(dev.infbench.format.RunManifest::batchSearch)
                    .orElse(null);
        } catch (dev.infbench.format.FormatException e) {
            return null; // a run.json that cannot be read has no search to report
        }
    }
}
