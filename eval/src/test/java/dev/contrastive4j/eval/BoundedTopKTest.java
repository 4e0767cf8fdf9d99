package dev.contrastive4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoundedTopKTest {

    @Test
    void keepsTheBestKWithTiesGoingToTheLowerIndexWhateverTheArrivalOrder() {
        // scores by index: 0:0.5 1:0.9 2:0.9 3:0.1 4:0.9 5:0.7 — best three are 1, 2, 4 (all 0.9), then 5
        double[] scores = {0.5, 0.9, 0.9, 0.1, 0.9, 0.7};
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5));
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            Collections.shuffle(order, random);
            BoundedTopK best = new BoundedTopK(4);
            order.forEach(i -> best.offer(scores[i], i));
            assertThat(best.indicesBestFirst()).as("arrival order %s", order).containsExactly(1, 2, 4, 5);
            assertThat(best.scoresBestFirst()).containsExactly(0.9, 0.9, 0.9, 0.7);
        }
    }

    @Test
    void aTieWithTheWorstKeptCandidateIsWonByTheLowerIndex() {
        BoundedTopK best = new BoundedTopK(2);
        best.offer(1.0, 5);
        best.offer(0.5, 9);
        best.offer(0.5, 3); // equal score, lower index: replaces 9
        best.offer(0.5, 4); // equal score, higher index than 3: rejected
        assertThat(best.indicesBestFirst()).containsExactly(5, 3);
    }

    @Test
    void fewerCandidatesThanKAreAllKept() {
        BoundedTopK best = new BoundedTopK(100);
        best.offer(-1.0, 0);
        best.offer(2.0, 1);
        assertThat(best.size()).isEqualTo(2);
        assertThat(best.indicesBestFirst()).containsExactly(1, 0);
    }

    @Test
    void negativeZeroTiesWithZero() {
        BoundedTopK best = new BoundedTopK(2);
        best.offer(0.0, 1);
        best.offer(-0.0, 0);
        assertThat(best.indicesBestFirst()).containsExactly(0, 1);
    }
}
