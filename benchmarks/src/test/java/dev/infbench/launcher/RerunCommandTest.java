package dev.infbench.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.config.Sweep;
import dev.infbench.config.UsageException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;

class RerunCommandTest {

    @Test
    void eachCellsRerunCommandRunsExactlyThatCellWithTheSameJmhOptions() throws Exception {
        List<String> jmh = List.of("-f", "1", "-i", "3");
        Plan plan = Plan.of(Sweep.load(Sweep.DEFAULT), List.of(Launcher.DEFAULT_BENCHMARK),
                new CommandLineOptions(jmh.toArray(String[]::new)));
        for (Plan.Cell cell : plan.cells) {
            String command = RerunCommand.of(cell, jmh);
            assertThat(command).startsWith("java -jar ");
            List<String> args = Arrays.asList(command.substring("java -jar ".length()).split(" ")).subList(1,
                    command.split(" ").length - 2);
            LauncherArgs parsed = LauncherArgs.parse(args);
            assertThat(parsed.jmh).as(command).containsExactlyElementsOf(jmh);
            assertThat(parsed.sweep().expand()).as(command).containsExactly(cell.config());
        }
    }

    @Test
    void theAllDefaultsCellStillNamesItsModelSoThatTheDefaultSweepDoesNotRun() throws UsageException {
        Plan.Cell cell = new Plan.Cell(1, Launcher.DEFAULT_BENCHMARK, Sweep.defaults().expand().get(0), null);
        assertThat(RerunCommand.of(cell, List.of())).endsWith(" -p model=minilm");
    }
}
