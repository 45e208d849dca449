package dev.infbench.backend;

import java.util.Map;

/**
 * The floating-point operations of one call of a model, as a backend counted them.
 *
 * @param total      operations of the call (multiply-add = 2)
 * @param byOperator the same, per operator type (e.g. {@code MatMul}, {@code Conv})
 * @param nodes      graph nodes that contributed
 * @param how        what was counted, and how, in one line for reports
 */
public record FlopCount(long total, Map<String, Long> byOperator, int nodes, String how) {
}
