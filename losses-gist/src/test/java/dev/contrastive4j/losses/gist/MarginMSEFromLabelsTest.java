package dev.contrastive4j.losses.gist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddingLoss;
import dev.contrastive4j.spi.Loss;
import dev.contrastive4j.spi.Triplet;
import dev.contrastive4j.testkit.FiniteDifferences;
import dev.contrastive4j.testkit.GradientCheck;
import dev.contrastive4j.testkit.LossStep;
import dev.contrastive4j.testkit.TinyEncoders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code margin-mse(teacher=labels)}: the teacher's margins come from the rows ({@link Triplet#margins()}), through
 * the batch, into {@code mean_ij (q_i·p_i − q_i·n_ij − m_ij)²}; checked against a double-precision reference that
 * reads the margins from the triplets themselves, and by finite differences.
 */
class MarginMSEFromLabelsTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.discover(MarginMSEFromLabelsTest.class.getClassLoader());

    @Test
    void theValueAndGradientOnDataMarginsMatchTheReferenceAndFiniteDifferences() {
        Random random = new Random(17);
        List<Triplet> rows = rowsWithMargins(random, 5, 2);
        double[][] margins = marginsOf(rows);
        double[][][] columns = gaussian(random, 4, 5, 6);
        Batch batch = Batch.of(rows);
        EmbeddingLoss onDataMargins = embedded -> MarginMSELoss.objective(embedded.columns(),
                MarginMSELoss.labelMargins(batch));

        LossStep.Result result = LossStep.onEmbeddings(onDataMargins, DataFormat.TRIPLET, columns);

        double expected = reference(columns, margins);
        assertThat(Math.abs(result.value() - expected) / expected).isLessThan(1e-12);
        double[][][] numeric = FiniteDifferences.gradient(x -> reference(x, margins), copy(columns));
        assertThat(GradientCheck.relativeDeviation(result.gradient(), numeric)).isLessThan(1e-8);
        GradientCheck.assertMatchesFiniteDifferences(onDataMargins, DataFormat.TRIPLET, columns);
        // Negative control: the margins of two rows exchanged give another value, so row order is checked.
        double[][] swapped = {margins[1], margins[0], margins[2], margins[3], margins[4]};
        assertThat(Math.abs(result.value() - reference(columns, swapped)) / expected).isGreaterThan(1e-3);
    }

    @Test
    void teacherLabelsTrainsTheStudentOnTheDataMarginsWithoutATeacherModel() {
        Random random = new Random(23);
        List<Triplet> rows = new ArrayList<>();
        for (int i = 0; i < TinyModels.ROWS.size(); i++) {
            Triplet row = TinyModels.ROWS.get(i);
            Triplet next = TinyModels.ROWS.get((i + 1) % TinyModels.ROWS.size());
            rows.add(new Triplet(row.anchor(), row.positive(), List.of(row.negatives().get(0),
                    next.negatives().get(0)), List.of(2 * random.nextGaussian(), 2 * random.nextGaussian())));
        }
        Batch batch = Batch.of(rows);
        // "labels" would be an unreadable model path: creating the loss loads no teacher.
        Loss loss = TinyModels.create(REGISTRY, "margin-mse", Map.of("teacher", "labels"));

        LossStep.EncoderResult step;
        double[][][] student = new double[4][][];
        try (SentenceEncoder model = TinyEncoders.bert(3, 0.0)) {
            step = LossStep.onEncoder(loss, batch, model, 5, 0.5);
        }
        try (SentenceEncoder model = TinyEncoders.bert(3, 0.0)) {
            for (int c = 0; c < 4; c++) {
                student[c] = toDouble(model.encode(batch.column(c), 8));
            }
        }
        LossStep.EncoderResult onEmbeddings;
        try (SentenceEncoder model = TinyEncoders.bert(3, 0.0)) {
            EmbeddingLoss objective = embedded -> MarginMSELoss.objective(embedded.columns(), marginsOf(rows));
            onEmbeddings = LossStep.onEncoder(objective, batch, model, 5, 0.5);
        }

        double expected = reference(student, marginsOf(rows));
        assertThat(expected).isGreaterThan(1e-3);
        assertThat(Math.abs(step.value() - expected) / expected).isLessThan(1e-5);
        // The weighted parameter gradient is the objective's on the student's embeddings, 0.5 × ∂L/∂θ.
        assertThat(step.parameterGradients()).hasSameSizeAs(onEmbeddings.parameterGradients());
        double largest = 0;
        double deviation = 0;
        for (Map.Entry<String, double[]> entry : onEmbeddings.parameterGradients().entrySet()) {
            double[] actual = step.parameterGradients().get(entry.getKey());
            for (int k = 0; k < actual.length; k++) {
                largest = Math.max(largest, Math.abs(entry.getValue()[k]));
                deviation = Math.max(deviation, Math.abs(actual[k] - entry.getValue()[k]));
            }
        }
        assertThat(largest).isGreaterThan(0);
        assertThat(deviation / largest).isLessThan(1e-5);
    }

    @Test
    void teacherLabelsWithoutMarginsInTheDataSaysWhichColumnToAdd() {
        Loss loss = TinyModels.create(REGISTRY, "margin-mse", Map.of("teacher", "labels"));
        Batch batch = Batch.of(TinyModels.ROWS);

        try (SentenceEncoder model = TinyEncoders.bert(3, 0.0)) {
            assertThatThrownBy(() -> LossStep.onEncoder(loss, batch, model, 5, 1.0))
                    .isInstanceOf(ContrastiveException.class)
                    .hasMessageStartingWith("margin-mse(teacher=labels): the training triplets carry no teacher margins;"
                            + " add a 'label' column")
                    .hasMessageNotContaining("\n");
        }
    }

    /** mean over rows i and negatives j of (q_i·p_i − q_i·n_ij − m_ij)². */
    private static double reference(double[][][] columns, double[][] margins) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < columns[0].length; i++) {
            for (int j = 0; j < columns.length - 2; j++) {
                double error = dot(columns[0][i], columns[1][i]) - dot(columns[0][i], columns[2 + j][i]) - margins[i][j];
                sum += error * error;
                count++;
            }
        }
        return sum / count;
    }

    private static List<Triplet> rowsWithMargins(Random random, int count, int negatives) {
        List<Triplet> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> texts = new ArrayList<>();
            List<Double> margins = new ArrayList<>();
            for (int j = 0; j < negatives; j++) {
                texts.add("negative " + i + "." + j);
                margins.add(3 * random.nextGaussian());
            }
            rows.add(new Triplet("query " + i, "positive " + i, texts, margins));
        }
        return rows;
    }

    private static double[][] marginsOf(List<Triplet> rows) {
        double[][] margins = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            margins[i] = rows.get(i).margins().stream().mapToDouble(Double::doubleValue).toArray();
        }
        return margins;
    }

    private static double[][][] gaussian(Random random, int columns, int rows, int dimension) {
        double[][][] values = new double[columns][rows][dimension];
        for (double[][] column : values) {
            for (double[] row : column) {
                for (int k = 0; k < dimension; k++) {
                    row[k] = random.nextGaussian();
                }
            }
        }
        return values;
    }

    private static double[][][] copy(double[][][] x) {
        double[][][] copy = new double[x.length][][];
        for (int c = 0; c < x.length; c++) {
            copy[c] = new double[x[c].length][];
            for (int r = 0; r < x[c].length; r++) {
                copy[c][r] = x[c][r].clone();
            }
        }
        return copy;
    }

    private static double dot(double[] x, double[] y) {
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            sum += x[k] * y[k];
        }
        return sum;
    }

    private static double[][] toDouble(float[][] rows) {
        double[][] result = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            result[r] = new double[rows[r].length];
            for (int k = 0; k < rows[r].length; k++) {
                result[r][k] = rows[r][k];
            }
        }
        return result;
    }
}
