package dev.infbench.harness.pick;

import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.metrics.CellMetrics;

/** An OK cell with its metrics: what the picks rank. */
record Candidate(Cell cell, CellMetrics metrics) {
}
