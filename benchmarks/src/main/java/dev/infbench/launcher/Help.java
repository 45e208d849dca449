package dev.infbench.launcher;

import dev.infbench.config.Parameter;
import dev.infbench.config.Sweep;
import dev.infbench.format.RunLayout;
import java.util.Locale;

/** The launcher's --help text, built from the parameter definitions so it cannot drift from them. */
final class Help {
    private Help() {
    }

    static String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("""
                Usage: java -jar benchmarks.jar [launcher options] [JMH options] [benchmark regex]

                Runs each cell of a sweep (one value per parameter) in interleaved rounds, one forked JVM per cell per
                round, and writes results/<run-id>/: %s, %s, %s, %s, %s.

                With no -p and no --sweep the 'default' sweep runs. With -p alone, every parameter not named keeps
                its single default (so -p batch=1,8,64 runs three cells). With --sweep, -p values replace the
                sweep's values for the parameters they name.

                Launcher options:
                  --sweep NAME|FILE  a named sweep (%s) or a sweep file (name=v1,v2 lines)
                  --out DIR          parent folder of the run folder (default: results)
                  --run-id ID        name of the run folder (default: UTC time and host name)
                  --resume RUN_DIR   run only the forks not yet in RUN_DIR's journal, with the run's own arguments
                  --retry-failed     with --resume: run FAILED cells again too, from round 1
                  --seed N           the rounds' shuffle seed (default: a new one, kept in the run folder)
                  --budget DURATION  time for the whole run (600s, 10m, 9m30s): after the minimum rounds, add
                                     rounds for the cells of unresolved picks until resolved or spent (default:
                                     9m20s for the default sweep run with no options, else none)
                  --profile          after the measured rounds: each cell's operators through its backend's own
                                     profiler (tables in the report, raw traces in RUN_DIR/profiles), and one
                                     pipeline fork per model timing preprocess, model and postprocess in each call
                  --no-peak          skip measuring the machine's peaks (fp32 and int8 matrix products, memory
                                     bandwidth; a few seconds before the first cell) that cells are shown against
                  --batch-search     double each configuration's batch (from -p batch, default 1, up to
                                     --max-batch) until a fork goes over --max-memory or --sla-ms, or fails;
                                     its larger batches become PRUNED rows saying why, the other configurations
                                     go on, and the report names the largest batch that fits and the knee
                  --max-batch N      the largest batch of the search (default %d)
                  --max-memory MIB   the search's budget of a fork's peak resident memory (VmHWM), MiB
                  --sla-ms MS        the latency budget (p99, ms) of the search, the report's picks and racing
                                     (default %s)
                  --dry-run          print the cells, the pruned cells and an estimated duration; run nothing
                  --verbose          show JMH's own output (always kept in RUN_DIR/logs/cell-NNN.log)
                  --help, -h         this text

                Parameters (-p name=v1,v2,...):
                """.formatted(RunLayout.JOURNAL, RunLayout.JMH, RunLayout.RESULTS_CSV, RunLayout.ENV, RunLayout.RUN,
                String.join(", ", Sweep.namedSweeps()), LauncherArgs.DEFAULT_MAX_BATCH,
                dev.infbench.harness.report.text.DecimalText.figure(
                        dev.infbench.harness.report.html.RunReport.DEFAULT_SLA_MS)));
        for (Parameter p : Parameter.values()) {
            sb.append(String.format(Locale.ROOT, "  %-10s default %-12s %s%n%-34s valid: %s%n", p.key(),
                    p.defaultValue(), p.description(), "", p.validValues()));
        }
        sb.append("""

                JMH options keep their JMH meaning: -f rounds (forks per cell, at least 1), -wi/-i warmup and
                measurement iterations, -w/-r their durations, -t concurrent callers sharing one session, -l/-lp
                list benchmarks.
                -rf/-rff/-o are refused: the launcher owns the run folder's files.

                Exit status: 0 when at least one cell ran and every cell that was not pruned ran;
                3 when any cell failed or nothing ran (or the machine cannot run it); 2 for bad usage;
                75 when another run holds this host or the folder to resume (nothing was started).
                """);
        return sb.toString();
    }
}
