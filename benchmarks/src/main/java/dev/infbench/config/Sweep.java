package dev.infbench.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A named set of values per parameter. Sweep files are plain text: {@code name=v1,v2} lines, {@code #} comments.
 * A line {@code ---} starts another section: the sweep is then the union of each section's combinations (a cell
 * in two sections runs once), so one file can ask for resnet50 on two backends and MiniLM at two precisions without
 * crossing everything with everything. Named sweeps ship in the jar under {@code /sweeps/NAME.sweep}; any other
 * argument is read as a file path.
 */
public final class Sweep {
    /** The sweep the launcher runs when given neither {@code --sweep} nor {@code -p}. */
    public static final String DEFAULT = "default";

    /** The separator line between sections. */
    public static final String SECTION = "---";

    private final String name;
    private final List<Map<Parameter, List<String>>> sections;

    private Sweep(String name, Map<Parameter, List<String>> values) {
        this(name, List.of(values));
    }

    private Sweep(String name, List<Map<Parameter, List<String>>> sections) {
        this.name = name;
        this.sections = List.copyOf(sections);
    }

    public String name() {
        return name;
    }

    /** The sweep of single defaults: one cell unless {@code -p} widens it. */
    public static Sweep defaults() {
        return new Sweep("(parameter defaults)", new EnumMap<>(Parameter.class));
    }

    /** Loads a named sweep from the jar, or a sweep file from disk. */
    public static Sweep load(String nameOrFile) throws UsageException {
        String resource = "/sweeps/" + nameOrFile + ".sweep";
        try (InputStream in = Sweep.class.getResourceAsStream(resource)) {
            if (in != null && nameOrFile.matches("[A-Za-z0-9_-]+")) {
                return parse(nameOrFile, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UsageException("--sweep " + nameOrFile + ": cannot read the bundled sweep: " + e.getMessage());
        }
        Path file = Path.of(nameOrFile);
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--sweep " + nameOrFile + ": no such named sweep or file; named sweeps: "
                    + String.join(", ", namedSweeps()));
        }
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UsageException("--sweep " + nameOrFile + ": cannot read: " + e.getMessage());
        }
    }

    /** The sweeps bundled in the jar, as listed in {@code /sweeps/index}. */
    public static List<String> namedSweeps() {
        try (InputStream in = Sweep.class.getResourceAsStream("/sweeps/index")) {
            if (in == null) {
                return List.of(DEFAULT);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            return List.of(DEFAULT);
        }
    }

    static Sweep parse(String name, String text) throws UsageException {
        List<Map<Parameter, List<String>>> sections = new ArrayList<>();
        Map<Parameter, List<String>> values = new EnumMap<>(Parameter.class);
        int lineNo = 0;
        for (String raw : text.split("\\R")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.equals(SECTION)) {
                if (values.isEmpty()) {
                    throw new UsageException("sweep " + name + " line " + lineNo + ": empty section before " + SECTION);
                }
                sections.add(values);
                values = new EnumMap<>(Parameter.class);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("sweep " + name + " line " + lineNo + ": expected name=value[,value...]");
            }
            Parameter p;
            try {
                p = Parameter.require(line.substring(0, eq).strip());
            } catch (UsageException e) {
                throw new UsageException("sweep " + name + " line " + lineNo + ": " + e.getMessage());
            }
            if (values.containsKey(p)) {
                throw new UsageException("sweep " + name + " line " + lineNo + ": " + p.key() + " given twice");
            }
            try {
                values.put(p, validated(p, List.of(line.substring(eq + 1).split(","))));
            } catch (UsageException e) {
                throw new UsageException("sweep " + name + " line " + lineNo + ": " + e.getMessage());
            }
        }
        if (values.isEmpty() && !sections.isEmpty()) {
            throw new UsageException("sweep " + name + ": empty section after the last " + SECTION);
        }
        sections.add(values);
        return new Sweep(name, sections);
    }

    /** Validates and de-duplicates the values of one parameter, keeping their order. */
    public static List<String> validated(Parameter p, List<String> raw) throws UsageException {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String v : raw) {
            out.add(p.validate(v));
        }
        return new ArrayList<>(out);
    }

    /**
     * The sweep with {@code -p} values applied on top: a parameter given with {@code -p} replaces the list of every
     * section.
     */
    public Sweep with(Map<Parameter, List<String>> overrides) {
        List<Map<Parameter, List<String>>> merged = new ArrayList<>();
        for (Map<Parameter, List<String>> section : sections) {
            Map<Parameter, List<String>> m = new EnumMap<>(Parameter.class);
            m.putAll(section);
            m.putAll(overrides);
            merged.add(m);
        }
        return new Sweep(name, merged);
    }

    /** Combinations before de-duplication: the sum over sections of the product of their value counts. */
    public long size() {
        long total = 0;
        for (Map<Parameter, List<String>> section : sections) {
            long n = 1;
            for (Parameter p : Parameter.values()) {
                n *= section.getOrDefault(p, List.of(p.defaultValue())).size();
            }
            total += n;
        }
        return total;
    }

    /** The values of one parameter over all sections, in order of appearance. */
    public List<String> valuesOf(Parameter p) {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        sections.forEach(section -> all.addAll(section.getOrDefault(p, List.of(p.defaultValue()))));
        return new ArrayList<>(all);
    }

    /** Every combination of every section, in a stable order (the first parameter varies slowest), each once. */
    public List<CellConfig> expand() throws UsageException {
        LinkedHashSet<Map<Parameter, String>> combinations = new LinkedHashSet<>();
        for (Map<Parameter, List<String>> section : sections) {
            List<Map<Parameter, String>> partial = new ArrayList<>();
            partial.add(new EnumMap<>(Parameter.class));
            for (Parameter p : Parameter.values()) {
                List<Map<Parameter, String>> next = new ArrayList<>();
                for (Map<Parameter, String> m : partial) {
                    for (String v : section.getOrDefault(p, List.of(p.defaultValue()))) {
                        Map<Parameter, String> copy = new EnumMap<>(m);
                        copy.put(p, v);
                        next.add(copy);
                    }
                }
                partial = next;
            }
            combinations.addAll(partial);
        }
        List<CellConfig> cells = new ArrayList<>(combinations.size());
        for (Map<Parameter, String> m : combinations) {
            cells.add(CellConfig.of(m));
        }
        return cells;
    }
}
