package dev.infbench.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OrphanGuardTest {
    @Test
    void onlyAJmhForkWatchesItsParent() {
        assertTrue(OrphanGuard.isFork("org.openjdk.jmh.runner.ForkedMain 127.0.0.1 41234"));
        assertFalse(OrphanGuard.isFork("benchmarks/target/benchmarks.jar -f 0"));
        assertFalse(OrphanGuard.isFork("org.apache.maven.surefire.booter.ForkedBooter /tmp/x"));
        assertFalse(OrphanGuard.isFork(""));
    }
}
