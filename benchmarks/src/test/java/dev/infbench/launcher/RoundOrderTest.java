package dev.infbench.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.config.Sweep;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;

class RoundOrderTest {

    private static List<Plan.Cell> defaultSweep() throws Exception {
        return Plan.of(Sweep.load(Sweep.DEFAULT), List.of(Launcher.DEFAULT_BENCHMARK), new CommandLineOptions())
                .toRun();
    }

    @Test
    void everyRoundRunsEveryCellOnceWithTheCellsOfAModelTogether() throws Exception {
        List<Plan.Cell> cells = defaultSweep();
        for (int round = 1; round <= 5; round++) {
            List<Plan.Cell> order = RoundOrder.of(cells, 7, round);
            assertThat(order).containsExactlyInAnyOrderElementsOf(cells);
            // One block per model: the model changes once in a round of two models.
            int changes = 0;
            for (int i = 1; i < order.size(); i++) {
                changes += order.get(i).config().model().equals(order.get(i - 1).config().model()) ? 0 : 1;
            }
            assertThat(changes).isEqualTo(1);
        }
    }

    @Test
    void theOrderIsShuffledPerRoundAndTheSameForTheSameSeed() throws Exception {
        List<Plan.Cell> cells = defaultSweep();
        Set<List<Integer>> orders = new HashSet<>();
        for (int round = 1; round <= 4; round++) {
            orders.add(indices(RoundOrder.of(cells, 7, round)));
            assertThat(indices(RoundOrder.of(cells, 7, round))).isEqualTo(indices(RoundOrder.of(cells, 7, round)));
        }
        assertThat(orders).hasSize(4);
        assertThat(indices(RoundOrder.of(cells, 8, 1))).isNotEqualTo(indices(RoundOrder.of(cells, 7, 1)));
    }

    private static List<Integer> indices(List<Plan.Cell> order) {
        List<Integer> i = new ArrayList<>();
        order.forEach(c -> i.add(c.index()));
        return i;
    }
}
