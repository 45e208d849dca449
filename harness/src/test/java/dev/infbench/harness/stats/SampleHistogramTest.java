package dev.infbench.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SampleHistogramTest {

    /**
     * JMH writes each iteration's buckets in ascending order and the histogram merges those runs; any other order is
     * sorted. Both must rank every sample alike, whatever the forks, iterations and shared values.
     */
    @Test
    void mergingAscendingRunsRanksLikeSortingShuffledOnes() {
        Random random = new Random(3);
        for (int trial = 0; trial < 300; trial++) {
            List<List<List<SampleHistogram.Bucket>>> ascending = new ArrayList<>();
            List<List<List<SampleHistogram.Bucket>>> shuffled = new ArrayList<>();
            for (int fork = random.nextInt(4); fork >= 0; fork--) {
                List<List<SampleHistogram.Bucket>> a = new ArrayList<>();
                List<List<SampleHistogram.Bucket>> s = new ArrayList<>();
                for (int iteration = random.nextInt(6); iteration >= 0; iteration--) {
                    List<SampleHistogram.Bucket> buckets = new ArrayList<>();
                    double value = random.nextInt(5) * 0.25;
                    for (int b = random.nextInt(30); b > 0; b--) {
                        value += 0.25 * (1 + random.nextInt(3));
                        buckets.add(new SampleHistogram.Bucket(value, random.nextInt(4)));
                    }
                    a.add(buckets);
                    List<SampleHistogram.Bucket> mixed = new ArrayList<>(buckets);
                    Collections.shuffle(mixed, random);
                    s.add(mixed);
                }
                ascending.add(a);
                shuffled.add(s);
            }
            SampleHistogram merged = new SampleHistogram(ascending);
            SampleHistogram sorted = new SampleHistogram(shuffled);

            assertThat(merged.count()).isEqualTo(sorted.count());
            assertThat(merged.forks()).isEqualTo(ascending.size());
            for (long rank = 1; rank <= merged.count(); rank++) {
                assertThat(merged.valueAtRank(rank)).as("rank %d of trial %d", rank, trial)
                        .isEqualTo(sorted.valueAtRank(rank)).isEqualTo(naiveValueAtRank(ascending, rank));
            }
            assertThat(merged.iterationMeans()).isEqualTo(sorted.iterationMeans());
        }
    }

    @Test
    void aBuilderStartsAfreshAfterEachHistogram() {
        SampleHistogram.Builder builder = SampleHistogram.builder();
        SampleHistogram first = builder.fork().iteration().add(3.0, 2).add(5.0, 1).build();
        SampleHistogram second = builder.fork().iteration().add(1.0, 1).build();

        assertThat(first.count()).isEqualTo(3);
        assertThat(first.valueAtRank(3)).isEqualTo(5.0);
        assertThat(second.count()).isEqualTo(1);
        assertThat(second.valueAtRank(1)).isEqualTo(1.0);
        assertThat(second.forks()).isEqualTo(1);
    }

    @Test
    void scalingKeepsRanksAndConvertsValues() {
        SampleHistogram us = SampleHistogram.builder().fork().iteration().add(1500, 2).add(2500, 1).build();

        SampleHistogram ms = us.scaled(1e-3);

        assertThat(ms.valueAtRank(1)).isEqualTo(1.5);
        assertThat(ms.valueAtRank(3)).isEqualTo(2.5);
        assertThat(ms.iterationMeans()).containsExactly(List.of((1.5 * 2 + 2.5) / 3));
    }

    private static double naiveValueAtRank(List<List<List<SampleHistogram.Bucket>>> forks, long rank) {
        List<Double> all = new ArrayList<>();
        forks.forEach(fork -> fork.forEach(iteration -> iteration.forEach(bucket -> {
            for (long i = 0; i < bucket.count(); i++) {
                all.add(bucket.value());
            }
        })));
        Collections.sort(all);
        return all.get((int) rank - 1);
    }
}
