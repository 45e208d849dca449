package dev.infbench.harness.cli;

import dev.infbench.harness.nightly.NightlyCheck;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nightly --home DIR RUN_DIR [--confirm RERUN_DIR]}: one night against its machine's baseline. */
@Command(name = "nightly", description = {
        "Check one night's run against its machine's baseline (by hardware key) in the nightly home, append it to the"
                + " machine's history, and report the cells that are slower, confirmed by a rerun and by the history.",
        "Exit status: 0 nothing slower (or the first night, which becomes the baseline); 1 cells confirmed slower;"
                + " 3 the night could not be judged (it cannot be the first baseline: cells failed; or nothing was"
                + " compared); 4 cells look slower: rerun the sweep and check again with --confirm (nothing was"
                + " recorded)."})
public final class NightlyCommand implements Callable<Integer> {
    /** Cells look slower: a rerun must confirm them. */
    public static final int EXIT_NEEDS_CONFIRMATION = 4;

    @Mixin
    private Common common;

    @Option(names = "--home", paramLabel = "DIR", required = true,
            description = "The nightly home: baselines/, history/, trend/.")
    private Path home;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "Tonight's run folder.")
    private Path night;

    @Option(names = "--confirm", paramLabel = "RERUN_DIR",
            description = "A rerun of tonight's sweep, which must show the same cells slower.")
    private Path confirm;

    @Option(names = "--no-rerun", description = "The sweep cannot be rerun tonight: record cells that look slower"
            + " as unconfirmed instead of asking for a rerun.")
    private boolean noRerun;

    @Option(names = "--set-baseline", description = "Make RUN_DIR its machine's baseline and check nothing.")
    private boolean setBaseline;

    @Mixin
    private CompareOptions judging;

    @Override
    public Integer call() {
        if (setBaseline) {
            String key = NightlyCheck.hardwareKey(night);
            common.out().println("baseline of hardware " + key + ": " + night + " (written to "
                    + NightlyCheck.setBaseline(home, key, night) + ")");
            return 0;
        }
        NightlyCheck.Outcome outcome = NightlyCheck.check(home, night, confirm, noRerun, judging.settings(false));
        outcome.lines().forEach(line -> common.out().println("nightly: " + line));
        if (outcome.history() != null) {
            common.out().println("nightly: appended to " + outcome.history());
        }
        common.out().flush();
        return switch (outcome.status()) {
            case BASELINE_SET, CLEAN -> 0;
            case NEEDS_CONFIRMATION -> EXIT_NEEDS_CONFIRMATION;
            case CHANGE -> CompareCommand.EXIT_REGRESSION;
            case INCOMPLETE -> HarnessCli.EXIT_FAILED;
        };
    }
}
