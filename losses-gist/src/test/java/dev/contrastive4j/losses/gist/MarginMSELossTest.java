package dev.contrastive4j.losses.gist;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EncoderLoss;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.Triplet;
import dev.contrastive4j.testkit.TestLossContext;
import dev.contrastive4j.testkit.TinyEncoders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MarginMSE against a double-precision reference: {@code mean_ij (q_i·p_i − q_i·n_ij − t_ij)²}, its gradient by
 * central differences, and the teacher's margins {@code t_ij} from a real (tiny) teacher model.
 */
class MarginMSELossTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.discover(MarginMSELossTest.class.getClassLoader());

    @Test
    void theObjectiveAndItsGradientMatchTheReferenceWithTwoNegatives() {
        Random random = new Random(61);
        double[][][] columns = new double[4][5][6];   // query, positive, two negatives; 5 rows of 6
        for (double[][] column : columns) {
            for (double[] row : column) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = random.nextGaussian();
                }
            }
        }
        double[][] teacher = new double[5][2];
        for (double[] row : teacher) {
            row[0] = 3 * random.nextGaussian();
            row[1] = 3 * random.nextGaussian();
        }

        double value;
        double[][][] gradient = new double[columns.length][][];
        Engine engine = PyTorchRuntime.engine();
        try (NDManager manager = engine.newBaseManager()) {
            List<NDArray> leaves = new ArrayList<>();
            for (double[][] column : columns) {
                NDArray leaf = manager.create(flatten(column), new Shape(column.length, column[0].length)).duplicate();
                leaf.setRequiresGradient(true);
                leaves.add(leaf);
            }
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray loss = MarginMSELoss.objective(leaves, teacher);
                value = loss.getDouble();
                collector.backward(loss);
            }
            for (int c = 0; c < columns.length; c++) {
                double[] flat = leaves.get(c).getGradient().toDoubleArray();
                gradient[c] = new double[5][6];
                for (int r = 0; r < 5; r++) {
                    System.arraycopy(flat, r * 6, gradient[c][r], 0, 6);
                }
            }
        }

        assertThat(Math.abs(value - reference(columns, teacher)) / reference(columns, teacher)).isLessThan(1e-12);
        double h = 1e-6;
        double largest = 0;
        double deviation = 0;
        for (int c = 0; c < columns.length; c++) {
            for (int r = 0; r < 5; r++) {
                for (int k = 0; k < 6; k++) {
                    double original = columns[c][r][k];
                    columns[c][r][k] = original + h;
                    double plus = reference(columns, teacher);
                    columns[c][r][k] = original - h;
                    double minus = reference(columns, teacher);
                    columns[c][r][k] = original;
                    double expected = (plus - minus) / (2 * h);
                    largest = Math.max(largest, Math.abs(expected));
                    deviation = Math.max(deviation, Math.abs(gradient[c][r][k] - expected));
                }
            }
        }
        assertThat(deviation / largest).isLessThan(1e-6);
    }

    @Test
    void theTeacherGivesTheTargetMarginsOnTheFly(@TempDir Path dir) {
        Path teacherFolder = TinyEncoders.saveBert(dir.resolve("teacher"), 7);
        EncoderLoss loss = (EncoderLoss) TinyModels.create(REGISTRY, "margin-mse",
                Map.of("teacher", teacherFolder.toString()));
        List<Triplet> rows = new ArrayList<>();
        for (Triplet row : TinyModels.ROWS) {
            // Two negatives per row: the row's own and the next row's.
            Triplet next = TinyModels.ROWS.get((TinyModels.ROWS.indexOf(row) + 1) % TinyModels.ROWS.size());
            rows.add(new Triplet(row.anchor(), row.positive(), List.of(row.negatives().get(0),
                    next.negatives().get(0))));
        }
        Batch batch = Batch.of(rows);

        double value;
        double[][][] student = new double[4][][];
        double[][][] teacher = new double[4][][];
        Engine engine = PyTorchRuntime.engine();
        try (SentenceEncoder model = TinyEncoders.bert(3, 0.0); NDManager manager = engine.newBaseManager();
                SentenceEncoder teacherModel = new EncoderLoader().load(teacherFolder.toString())) {
            try (GradientCollector collector = engine.newGradientCollector()) {
                value = loss.forwardBackward(batch, new TestLossContext(model, manager, 5, collector), 0.5);
            }
            for (int c = 0; c < 4; c++) {
                student[c] = toDouble(model.encode(batch.column(c), 8));
                teacher[c] = toDouble(teacherModel.encode(batch.column(c), 8));
            }
        }

        double[][] margins = new double[rows.size()][2];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < 2; j++) {
                margins[i][j] = dot(teacher[0][i], teacher[1][i]) - dot(teacher[0][i], teacher[2 + j][i]);
            }
        }
        double expected = reference(student, margins);
        assertThat(expected).isGreaterThan(1e-3);
        assertThat(Math.abs(value - expected) / expected).isLessThan(1e-5);
    }

    @Test
    void theRegistryListsItWithItsTeacher() {
        LossDescriptor descriptor = REGISTRY.loss("MarginMSELoss").descriptor();

        assertThat(descriptor.name()).isEqualTo("margin-mse");
        assertThat(descriptor.formats()).containsExactly(DataFormat.TRIPLET);
        assertThat(descriptor.needsGuideModel()).isTrue();
        assertThat(descriptor.parameter("teacher").orElseThrow().defaultValue()).isEqualTo("bge-small");
    }

    /** mean over rows i and negatives j of (q_i·p_i − q_i·n_ij − t_ij)². */
    private static double reference(double[][][] columns, double[][] teacher) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < columns[0].length; i++) {
            for (int j = 0; j < columns.length - 2; j++) {
                double student = dot(columns[0][i], columns[1][i]) - dot(columns[0][i], columns[2 + j][i]);
                double error = student - teacher[i][j];
                sum += error * error;
                count++;
            }
        }
        return sum / count;
    }

    private static double dot(double[] x, double[] y) {
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            sum += x[k] * y[k];
        }
        return sum;
    }

    private static double[] flatten(double[][] rows) {
        double[] flat = new double[rows.length * rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * rows[0].length, rows[0].length);
        }
        return flat;
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
