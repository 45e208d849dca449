package dev.infbench.launcher;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The order of one round: every cell in play once, shuffled afresh each round from the run's seed, so that a slow
 * minute of the machine falls on different cells each round instead of always on the same ones. The cells of one
 * model stay together (the ratios the reports state compare cells of one model, one setting apart), and the models'
 * blocks are shuffled too. The same seed and round give the same order, so a resumed run keeps its schedule.
 */
final class RoundOrder {
    private RoundOrder() {
    }

    static List<Plan.Cell> of(List<Plan.Cell> cells, long seed, int round) {
        Random random = new Random(seed * 1_000_003L + round);
        Map<String, List<Plan.Cell>> byModel = new LinkedHashMap<>();
        for (Plan.Cell c : cells) {
            byModel.computeIfAbsent(c.config().model(), m -> new ArrayList<>()).add(c);
        }
        List<List<Plan.Cell>> blocks = new ArrayList<>(byModel.values());
        Collections.shuffle(blocks, random);
        List<Plan.Cell> order = new ArrayList<>();
        for (List<Plan.Cell> block : blocks) {
            List<Plan.Cell> shuffled = new ArrayList<>(block);
            Collections.shuffle(shuffled, random);
            order.addAll(shuffled);
        }
        return order;
    }
}
