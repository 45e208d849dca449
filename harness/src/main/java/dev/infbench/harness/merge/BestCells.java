package dev.infbench.harness.merge;

/**
 * The best OK cells of one model on one machine. INACCURATE, FAILED and PRUNED cells are never picked: a fast wrong
 * answer is not a result to recommend.
 *
 * @param machine         the machine ({@link MergedRow#machine()})
 * @param model           the {@code model} parameter
 * @param lowestP50Batch1 the OK cell at batch 1 with the lowest p50, or null when there is none with a p50
 * @param highestThroughput the OK cell with the highest samples per second, or null when there is none
 */
public record BestCells(String machine, String model, MergedRow lowestP50Batch1, MergedRow highestThroughput) {
}
