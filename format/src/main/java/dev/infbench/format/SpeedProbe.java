package dev.infbench.format;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The machine's own speed as one fork found it, just before its first timed call: a fixed workload that depends on
 * no backend, run on the cell's thread count, so that a slow host or a busy neighbour shows up as a slower probe.
 *
 * @param threads     the threads the probe ran on (the cell's, all cores for 0)
 * @param computeMops millions of steps per second of a fixed integer and floating-point loop, all threads together
 * @param memoryGbs   GB per second copied between arrays larger than the caches, all threads together
 * @param millis      how long the probe took
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SpeedProbe(int threads, double computeMops, double memoryGbs, double millis) {
}
