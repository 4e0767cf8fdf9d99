package dev.contrastive4j.losses.gist;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.engine.PyTorchRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GISTEmbed's loss and its gradient with respect to the student's embeddings, on fixed student and guide
 * embeddings, against {@link GistReference} (plain double precision, written independently).
 */
class GistObjectiveTest {

    private static final Logger LOG = LoggerFactory.getLogger(GistObjectiveTest.class);
    private static final int ROWS = 5;
    private static final int STUDENT_DIM = 8;
    private static final int GUIDE_DIM = 4;

    /** One case: the objective's parameters and the batch's shape. */
    record Case(String name, double temperature, MarginStrategy strategy, double margin, boolean anchors,
            boolean positives, int negatives, boolean duplicatePair) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("absolute, no margin, one negative", 0.01, MarginStrategy.ABSOLUTE, 0.0, true, true, 1, false),
                new Case("relative margin 0.1, one negative", 0.05, MarginStrategy.RELATIVE, 0.1, true, true, 1, false),
                new Case("absolute margin 0.2, two negatives", 0.05, MarginStrategy.ABSOLUTE, 0.2, true, true, 2, false),
                new Case("relative margin 0.3, no anchor block, two negatives", 0.1, MarginStrategy.RELATIVE, 0.3,
                        false, true, 2, false),
                new Case("absolute margin 0.05, no positive block, one negative", 0.02, MarginStrategy.ABSOLUTE, 0.05,
                        true, false, 1, false),
                new Case("pairs without contrast blocks", 0.05, MarginStrategy.ABSOLUTE, 0.0, false, false, 0, false),
                new Case("pairs with both contrast blocks", 0.01, MarginStrategy.RELATIVE, 0.0, true, true, 0, false),
                new Case("an exact duplicate pair, one negative", 0.05, MarginStrategy.ABSOLUTE, 0.0, true, true, 1,
                        true))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void lossAndStudentGradientsMatchTheDoublePrecisionReference(Case c) {
        Random random = new Random(c.name().hashCode());
        int columns = 2 + c.negatives();
        float[][][] student = randomColumns(random, columns, STUDENT_DIM);
        float[][][] guide = randomColumns(random, columns, GUIDE_DIM);
        // Guide positives near their anchors, as real pairs are: high thresholds that only some candidates beat.
        for (int i = 0; i < ROWS; i++) {
            for (int d = 0; d < GUIDE_DIM; d++) {
                guide[1][i][d] = guide[0][i][d] + 0.6f * guide[1][i][d];
            }
        }
        // Row 1's positive points away from its anchor in the guide: a negative threshold, where the two margin
        // strategies' absolute value matters.
        for (int d = 0; d < GUIDE_DIM; d++) {
            guide[1][1][d] = -guide[0][1][d] + 0.1f * guide[1][1][d];
        }
        if (c.duplicatePair()) {
            // Row 2 pairs a text with itself: the same embedding in both columns, for student and guide.
            student[1][2] = student[0][2].clone();
            guide[1][2] = guide[0][2].clone();
        }
        GistObjective objective = new GistObjective(c.temperature(), c.strategy(), c.margin(), c.anchors(),
                c.positives());
        GistReference.Result expected = GistReference.compute(toDouble(student), toDouble(guide), c.temperature(),
                c.strategy() == MarginStrategy.RELATIVE, c.margin(), c.anchors(), c.positives());

        Engine engine = PyTorchRuntime.engine();
        double loss;
        double[][][] gradient = new double[columns][][];
        boolean[][] dropped;
        try (NDManager manager = engine.newBaseManager();
                GradientCollector collector = engine.newGradientCollector()) {
            List<NDArray> arrays = new ArrayList<>();
            for (float[][] column : student) {
                NDArray array = manager.create(flatten(column), new Shape(ROWS, STUDENT_DIM));
                array.setRequiresGradient(true);
                arrays.add(array);
            }
            GuideEmbeddings guideEmbeddings = new GuideEmbeddings(List.of(guide));
            dropped = objective.droppedCandidates(guideEmbeddings, objective.blocks(columns));
            NDArray result = objective.compute(arrays, guideEmbeddings);
            assertThat(result.getShape()).isEqualTo(new Shape());
            loss = result.toType(DataType.FLOAT64, false).getDouble();
            System.gc(); // nothing backward reads may live in memory a collection can free
            collector.backward(result);
            for (int col = 0; col < columns; col++) {
                gradient[col] = unflatten(arrays.get(col).getGradient().toFloatArray(), STUDENT_DIM);
            }
        }

        // The test is only as good as its masks: some candidates dropped, most kept, the same ones as the reference.
        long droppedCount = expected.dropped().stream().mapToLong(GistObjectiveTest::count).sum();
        assertThat(droppedCount).as("dropped candidates").isPositive()
                .isLessThan((long) ROWS * expected.dropped().get(0).length / 2);
        for (int i = 0; i < ROWS; i++) {
            assertThat(dropped[i]).as("row %d's dropped candidates", i).containsExactly(expected.dropped().get(i));
        }
        if (c.duplicatePair()) {
            // Row 2's threshold is the guide similarity of a text with itself; the anchor-anchor and
            // positive-positive diagonals tie with it exactly and are kept, unlike every other row's.
            assertThat(dropped[2][ROWS + 2]).as("row 2, anchor-anchor diagonal").isFalse();
            assertThat(dropped[2][2 * ROWS + 2]).as("row 2, positive-positive diagonal").isFalse();
            assertThat(dropped[0][ROWS]).as("row 0, anchor-anchor diagonal").isTrue();
        }
        assertThat(relativeError(loss, expected.loss())).as("loss %s vs %s", loss, expected.loss())
                .isLessThanOrEqualTo(1e-6);
        double gradientError = relativeError(flatten(gradient), flatten(expected.gradient()));
        LOG.info("{}: loss {} (reference {}), gradient relative error {}", c, loss, expected.loss(),
                String.format("%.2e", gradientError));
        assertThat(gradientError).isLessThanOrEqualTo(1e-6);
    }

    private static float[][][] randomColumns(Random random, int columns, int dimension) {
        float[][][] result = new float[columns][ROWS][dimension];
        for (float[][] column : result) {
            for (float[] row : column) {
                for (int d = 0; d < dimension; d++) {
                    row[d] = (float) random.nextGaussian();
                }
            }
        }
        return result;
    }

    private static long count(boolean[] flags) {
        long count = 0;
        for (boolean flag : flags) {
            count += flag ? 1 : 0;
        }
        return count;
    }

    /** |actual − expected| / |expected|. */
    private static double relativeError(double actual, double expected) {
        return Math.abs(actual - expected) / Math.abs(expected);
    }

    /** max_i |actual_i − expected_i| / max_i |expected_i|: relative to the largest entry, so near-zeros do not blow up. */
    private static double relativeError(double[] actual, double[] expected) {
        double difference = 0;
        double scale = 0;
        for (int i = 0; i < actual.length; i++) {
            difference = Math.max(difference, Math.abs(actual[i] - expected[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        assertThat(scale).isPositive();
        return difference / scale;
    }

    private static double[][][] toDouble(float[][][] x) {
        double[][][] result = new double[x.length][][];
        for (int c = 0; c < x.length; c++) {
            result[c] = new double[x[c].length][];
            for (int i = 0; i < x[c].length; i++) {
                result[c][i] = new double[x[c][i].length];
                for (int d = 0; d < x[c][i].length; d++) {
                    result[c][i][d] = x[c][i][d];
                }
            }
        }
        return result;
    }

    private static float[] flatten(float[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * rows[i].length, rows[i].length);
        }
        return flat;
    }

    private static double[] flatten(double[][][] x) {
        return Stream.of(x).flatMap(Stream::of).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static double[][] unflatten(float[] flat, int width) {
        double[][] rows = new double[flat.length / width][width];
        for (int i = 0; i < rows.length; i++) {
            for (int d = 0; d < width; d++) {
                rows[i][d] = flat[i * width + d];
            }
        }
        return rows;
    }
}
