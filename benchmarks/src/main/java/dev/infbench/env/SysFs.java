package dev.infbench.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads {@code /proc}, {@code /sys} and {@code /etc} files under a root, so that tests can point the probes at a
 * fixture tree. Every read returns null (or an empty list) for a file that is missing or unreadable, never throws:
 * a machine without a file is described as not having that fact.
 */
final class SysFs {
    /** The real machine. */
    static final SysFs REAL = new SysFs(Path.of("/"));

    private final Path root;

    SysFs(Path root) {
        this.root = root;
    }

    /** The path of an absolute machine path ({@code /proc/cpuinfo}) under this root. */
    Path path(String absolute) {
        return root.resolve(absolute.startsWith("/") ? absolute.substring(1) : absolute);
    }

    /** The machine path ({@code /sys/fs/cgroup/cpu.max}) of a path under this root, to say where a value came from. */
    String machinePath(Path p) {
        return "/" + root.relativize(p).toString().replace('\\', '/');
    }

    /** The file's content, stripped, or null when it is missing, unreadable or empty. */
    String read(String absolute) {
        return read(path(absolute));
    }

    static String read(Path p) {
        try {
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                return null;
            }
            String s = Files.readString(p).strip();
            return s.isEmpty() ? null : s;
        } catch (IOException | RuntimeException e) {
            // sysfs files can refuse a read (EINVAL, EACCES, malformed input): the fact is unknown, not an error
            return null;
        }
    }

    List<String> lines(String absolute) {
        Path p = path(absolute);
        try {
            return Files.isRegularFile(p) && Files.isReadable(p) ? Files.readAllLines(p) : List.of();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Entries of a directory whose names match, sorted by the number in their name ({@code node0, node1, node10}). */
    List<Path> numberedChildren(String absoluteDir, String prefix) {
        Path dir = path(absoluteDir);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        Pattern name = Pattern.compile(Pattern.quote(prefix) + "(\\d+)");
        List<Path> found = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> name.matcher(p.getFileName().toString()).matches()).forEach(found::add);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        found.sort((a, b) -> Long.compare(number(a, prefix), number(b, prefix)));
        return found;
    }

    static long number(Path p, String prefix) {
        return Long.parseLong(p.getFileName().toString().substring(prefix.length()));
    }

    /** Subdirectories of a directory, sorted by name; empty when it is missing. */
    List<Path> children(String absoluteDir) {
        Path dir = path(absoluteDir);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    static Long parseLong(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The number of CPUs in a Linux cpu list ({@code 0-3,8,10-11} → 7), or null when the list is missing, empty or
     * malformed.
     */
    static Integer cpuListCount(String list) {
        if (list == null || list.isBlank()) {
            return null;
        }
        int n = 0;
        try {
            for (String part : list.strip().split(",")) {
                int dash = part.indexOf('-');
                if (dash < 0) {
                    Integer.parseInt(part.strip());
                    n++;
                } else {
                    int from = Integer.parseInt(part.substring(0, dash).strip());
                    int to = Integer.parseInt(part.substring(dash + 1).strip());
                    if (to < from) {
                        return null;
                    }
                    n += to - from + 1;
                }
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return n;
    }
}
