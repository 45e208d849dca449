package dev.infbench.harness.cli;

import dev.infbench.harness.report.table.MarkdownTable;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code markdown PATH}: the summary of a run folder or JMH JSON file as a Markdown table on stdout. */
@Command(name = "markdown",
        description = "Print the summary of a run folder or a JMH JSON file as a GitHub-flavoured Markdown table.")
public final class MarkdownCommand implements Callable<Integer> {

    @Mixin
    private Common common;

    @Mixin
    private PathArgument argument;

    @Override
    public Integer call() {
        Path path = argument.path();
        common.out().print(MarkdownTable.render(common.read(path).cells()));
        common.out().flush();
        return 0;
    }
}
