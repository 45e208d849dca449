package dev.infbench.bench;

import java.nio.file.Path;

/**
 * What this fork of a cell does before its clock starts, as the launcher sets it: the first fork runs the accuracy
 * gate, counts FLOPs and writes a digest of its outputs; a later fork (another round) only checks its outputs against
 * that digest, so that every round reaches its timed calls quickly.
 *
 * @param first   true for a cell's first fork, or when the fork runs outside the launcher (plain JMH)
 * @param outputs the digest file (written by the first fork, read by later ones); null outside the launcher
 */
public record ForkRole(boolean first, Path outputs) {
    /** System property: "true" in the first fork of a cell, "false" in later ones. */
    public static final String FIRST = "infbench.fork.first";
    /** System property: the file holding the first fork's {@link OutputDigest}. */
    public static final String OUTPUTS = "infbench.fork.outputs";

    /** The role the launcher gave this JVM; a fork run by plain JMH does everything, as a first fork. */
    static ForkRole current() {
        String outputs = System.getProperty(OUTPUTS);
        boolean first = !"false".equals(System.getProperty(FIRST));
        if (!first && outputs == null) {
            throw new IllegalStateException("-D" + FIRST + "=false needs -D" + OUTPUTS + "=FILE");
        }
        return new ForkRole(first, outputs == null ? null : Path.of(outputs));
    }
}
