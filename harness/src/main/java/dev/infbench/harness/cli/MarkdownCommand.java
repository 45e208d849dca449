package dev.infbench.harness.cli;

import dev.infbench.format.Journal;
import dev.infbench.harness.read.Cells;
import dev.infbench.harness.report.table.MarkdownTable;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code markdown PATH}: the summary of a run folder or JMH JSON file as a Markdown table on stdout. */
@Command(name = "markdown",
        description = "Print the summary of a run folder or a JMH JSON file as a GitHub-flavoured Markdown table.")
public final class MarkdownCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Parameters(paramLabel = "PATH", description = "Run folder holding journal.jsonl, or a JMH JSON result file.")
    private Path path;

    @Override
    public Integer call() {
        Journal journal = Cells.read(path);
        journal.warnings().forEach(warning -> spec.commandLine().getErr().println("harness: warning: " + warning));
        spec.commandLine().getOut().print(MarkdownTable.render(journal.latest()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
