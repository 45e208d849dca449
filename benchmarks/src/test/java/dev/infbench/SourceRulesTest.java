package dev.infbench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.format.RunLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules of {@code ARCHITECTURE.md} that the compiled classes cannot show (a string constant is inlined into every
 * class that uses it): outside the format module, no Java source, main or test, spells a run folder's file name
 * (R10) or declares a schema version (R11). Names and versions come from {@code RunLayout} and {@code Schemas}.
 */
class SourceRulesTest {
    /** The modules besides {@code format}, from this module's folder. */
    private static final List<String> MODULES = List.of("benchmarks", "harness");
    private static final Pattern SCHEMA_CONSTANT = Pattern.compile("static\\s+final\\s+(int|long|short)\\s+\\w*SCHEMA");

    @Test
    void r10NoSourceOutsideTheFormatSpellsARunFolderFileName() throws IOException {
        assertThat(scan(SourceRulesTest::fileNames)).as("R10 run-folder file names are spelled in"
                + " dev.infbench.format.RunLayout alone; use its constants").isEmpty();
    }

    @Test
    void r11NoSourceOutsideTheFormatDeclaresASchemaVersion() throws IOException {
        assertThat(scan(SourceRulesTest::schemaConstants)).as("R11 schema versions are declared in"
                + " dev.infbench.format.Schemas alone").isEmpty();
    }

    @Test
    void theScanSeesLiteralsAndDeclarationsAndNotComments() {
        String source = """
                // journal.jsonl in a comment is fine, /* so is env.json */
                /** and report.html in Javadoc */
                class A {
                    static final int JOURNAL_SCHEMA = 2;
                    Path p = dir.resolve("runs/first/journal.jsonl");
                    String t = \"""
                            see best.md
                            \""";
                    char c = '"';
                    String q = "a \\" quoted run.json";
                }
                """;
        List<String> literals = fileNames(source);
        assertThat(literals).hasSize(3).contains("runs/first/journal.jsonl", "a \\\" quoted run.json");
        assertThat(literals.get(1)).contains("see best.md");
        assertThat(schemaConstants(source)).containsExactly("static final int JOURNAL_SCHEMA");
        assertThat(fileNames("String s = \"journal\" + \".jsonl\";")).isEmpty();
    }

    /** Every offending piece of every Java source under the modules' {@code src}, as "path: piece". */
    private static List<String> scan(java.util.function.Function<String, List<String>> rule) throws IOException {
        Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
        List<String> found = new ArrayList<>();
        int files = 0;
        for (String module : MODULES) {
            try (Stream<Path> sources = Files.walk(root.resolve(module).resolve("src"))) {
                // This file's own fixture spells the names on purpose.
                for (Path p : sources.filter(f -> f.toString().endsWith(".java")
                        && !f.getFileName().toString().equals(SourceRulesTest.class.getSimpleName() + ".java"))
                                .toList()) {
                    files++;
                    for (String piece : rule.apply(Files.readString(p, StandardCharsets.UTF_8))) {
                        found.add(root.relativize(p) + ": " + piece);
                    }
                }
            }
        }
        assertThat(files).as("Java sources scanned under " + root).isGreaterThan(100);
        return found;
    }

    /** The string literals (text blocks included) that contain a run folder's file name. */
    static List<String> fileNames(String source) {
        List<String> names = new ArrayList<>(RunLayout.FILES.stream().filter(n -> n.contains(".")).toList());
        names.add(RunLayout.MODELS_LOG);
        names.add(RunLayout.PEAK_LOG);
        return literals(source).stream().filter(l -> names.stream().anyMatch(l::contains)).toList();
    }

    /** The declarations of a schema-version constant, in code (comments and literals removed). */
    static List<String> schemaConstants(String source) {
        List<String> found = new ArrayList<>();
        SCHEMA_CONSTANT.matcher(code(source)).results().forEach(m -> found.add(m.group().replaceAll("\\s+", " ")));
        return found;
    }

    private static List<String> literals(String source) {
        List<String> literals = new ArrayList<>();
        lex(source, literals, new StringBuilder());
        return literals;
    }

    private static String code(String source) {
        StringBuilder code = new StringBuilder();
        lex(source, new ArrayList<>(), code);
        return code.toString();
    }

    /** Splits Java source into string literals' contents and the code outside comments and literals. */
    private static void lex(String s, List<String> literals, StringBuilder code) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            if (s.startsWith("//", i)) {
                int end = s.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                code.append(' ');
            } else if (s.startsWith("\"\"\"", i)) {
                int end = closing(s, i + 3, "\"\"\"");
                literals.add(s.substring(s.indexOf('\n', i) + 1, end));
                i = end + 3;
                code.append("\"\"");
            } else if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
                char quote = s.charAt(i);
                int end = closing(s, i + 1, String.valueOf(quote));
                if (quote == '"') {
                    literals.add(s.substring(i + 1, end));
                }
                i = end + 1;
                code.append("\"\"");
            } else {
                code.append(s.charAt(i++));
            }
        }
    }

    /** Where {@code quote} closes a literal that starts at {@code from}, skipping escapes. */
    private static int closing(String s, int from, String quote) {
        int i = from;
        while (i < s.length() && !s.startsWith(quote, i)) {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i, s.length());
    }
}
