package dev.contrastive4j.losses.gist;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.GraphScalars;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The GISTEmbed objective as a function of the student's embedded columns and the guide's: the mathematics that
 * {@link GISTEmbedLoss} and {@link CachedGISTEmbedLoss} share (the formula is in {@link GISTEmbedLoss}).
 *
 * <p>The student's similarities, the softmax and the cross-entropy are computed in float64: at the default
 * temperature 0.01 the logits reach ±100, where float32 log-sum-exp keeps only about five significant digits.
 * The cost is a few {@code n × n} matrices.
 *
 * <p>Every array the backward pass reads is PyTorch's own memory, never a view of a Java buffer (see
 * {@code owned}), so a garbage collection between forward and backward cannot corrupt the gradients.
 */
public final class GistObjective {

    private static final double NORM_FLOOR = 1e-12;
    private static final int[] ROW_AXIS = {1};

    private final double temperature;
    private final MarginStrategy marginStrategy;
    private final double margin;
    private final boolean contrastAnchors;
    private final boolean contrastPositives;

    /**
     * @param temperature divides the cosine similarities; {@code > 0}
     * @param marginStrategy how the margin lowers a row's threshold
     * @param margin how far below the threshold a candidate is still dropped; {@code >= 0}
     * @param contrastAnchors whether the anchor–anchor block takes part
     * @param contrastPositives whether the positive–positive block takes part
     * @throws ContrastiveException if a number is out of range
     */
    public GistObjective(double temperature, MarginStrategy marginStrategy, double margin, boolean contrastAnchors,
            boolean contrastPositives) {
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new ContrastiveException("gist: temperature must be a finite number > 0, got " + temperature);
        }
        if (!(margin >= 0) || !Double.isFinite(margin)) {
            throw new ContrastiveException("gist: margin must be a finite number >= 0, got " + margin);
        }
        this.temperature = temperature;
        this.marginStrategy = Objects.requireNonNull(marginStrategy, "marginStrategy");
        this.margin = margin;
        this.contrastAnchors = contrastAnchors;
        this.contrastPositives = contrastPositives;
    }

    public double temperature() {
        return temperature;
    }

    public MarginStrategy marginStrategy() {
        return marginStrategy;
    }

    public double margin() {
        return margin;
    }

    public boolean contrastAnchors() {
        return contrastAnchors;
    }

    public boolean contrastPositives() {
        return contrastPositives;
    }

    /**
     * The loss of one batch.
     *
     * @param student the student's {@code (n, dim)} embeddings: anchor, positive, negative_1 … negative_k (k ≥ 0),
     *     with or without a graph; gradients flow back to them
     * @param guide the guide's embeddings of the same texts, column for column
     * @return the scalar loss L, float64, attached to the anchors' manager
     * @throws ContrastiveException if the columns do not match
     */
    public NDArray compute(List<NDArray> student, GuideEmbeddings guide) {
        int n = checkShapes(student, guide);
        List<SimilarityBlock> blocks = blocks(student.size());
        boolean[][] dropped = droppedCandidates(guide, blocks);
        int width = n * blocks.size();
        double[] penalty = new double[n * width];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < width; j++) {
                penalty[i * width + j] = dropped[i][j] ? Double.NEGATIVE_INFINITY : 0;
            }
        }
        NDManager manager = student.get(0).getManager();
        NDArray floor = GraphScalars.of(manager, NORM_FLOOR, DataType.FLOAT64);
        List<NDArray> unit = new ArrayList<>(student.size());
        for (NDArray column : student) {
            NDArray wide = widen(column);
            unit.add(wide.div(wide.norm(ROW_AXIS, true).maximum(floor)));
        }
        NDList similarities = new NDList(blocks.size());
        for (SimilarityBlock block : blocks) {
            similarities.add(unit.get(block.rowColumn()).matMul(unit.get(block.candidateColumn()).transpose()));
        }
        NDArray cosines = similarities.size() == 1 ? similarities.get(0) : NDArrays.concat(similarities, 1);
        // Adding −∞ drops a candidate: its softmax weight and its gradient are exactly 0.
        NDArray logits = cosines.div(GraphScalars.of(manager, temperature, DataType.FLOAT64))
                .add(owned(manager.create(penalty, new Shape(n, width))));
        // Row i's target is column i: the anchor–positive block comes first.
        return logits.logSoftmax(1).diagonal().mean().neg();
    }

    /**
     * Which candidates the guide drops: entry {@code [i][b·n + j]} is true when candidate j of block b is a false
     * negative for anchor i. The true pair (anchor i, positive i) is never dropped.
     */
    public boolean[][] droppedCandidates(GuideEmbeddings guide, List<SimilarityBlock> blocks) {
        int n = guide.rows();
        boolean[][] dropped = new boolean[n][n * blocks.size()];
        for (int i = 0; i < n; i++) {
            double bound = marginStrategy.bound(guide.cosine(0, i, 1, i), margin);
            for (int b = 0; b < blocks.size(); b++) {
                SimilarityBlock block = blocks.get(b);
                for (int j = 0; j < n; j++) {
                    boolean truePair = block.isAnchorPositive() && i == j;
                    // Strictly greater: a candidate exactly as close as the positive stays.
                    dropped[i][b * n + j] = !truePair
                            && guide.cosine(block.rowColumn(), i, block.candidateColumn(), j) > bound;
                }
            }
        }
        return dropped;
    }

    /** The blocks of the logits, left to right: anchor–positive, anchor–anchor, positive–positive, anchor–negative_k. */
    public List<SimilarityBlock> blocks(int columnCount) {
        List<SimilarityBlock> blocks = new ArrayList<>();
        blocks.add(new SimilarityBlock("anchor-positive", 0, 1));
        if (contrastAnchors) {
            blocks.add(new SimilarityBlock("anchor-anchor", 0, 0));
        }
        if (contrastPositives) {
            blocks.add(new SimilarityBlock("positive-positive", 1, 1));
        }
        for (int c = 2; c < columnCount; c++) {
            blocks.add(new SimilarityBlock("anchor-negative_" + (c - 1), 0, c));
        }
        return blocks;
    }

    /** A PyTorch-owned copy of an array made from Java data (like {@link GraphScalars} for numbers); closes the original. */
    static NDArray owned(NDArray javaBacked) {
        try (javaBacked) {
            return javaBacked.duplicate();
        }
    }

    /**
     * The array in float64, still connected to its graph. DJL's {@code toType} detaches its result (no gradient
     * flows back through it), while type promotion in a product with a float64 one keeps the graph.
     */
    private static NDArray widen(NDArray column) {
        if (column.getDataType() == DataType.FLOAT64) {
            return column;
        }
        NDArray one = column.getManager().ones(new Shape(1), DataType.FLOAT64);
        return column.mul(one);
    }

    private static int checkShapes(List<NDArray> student, GuideEmbeddings guide) {
        if (student.size() < 2) {
            throw new ContrastiveException("gist expects at least an anchor and a positive column, got "
                    + student.size() + " column(s)");
        }
        if (guide.columnCount() != student.size()) {
            throw new ContrastiveException("gist: the guide embedded " + guide.columnCount() + " columns, the student "
                    + student.size());
        }
        long n = student.get(0).getShape().get(0);
        for (int c = 0; c < student.size(); c++) {
            long rows = student.get(c).getShape().get(0);
            if (rows != n || guide.rows() != n) {
                throw new ContrastiveException("gist expects columns of equal length, got " + n + " anchors, " + rows
                        + " student rows in column " + c + " and " + guide.rows() + " guide rows");
            }
        }
        return (int) n;
    }

    @Override
    public String toString() {
        return "temperature=" + temperature + ", margin_strategy=" + marginStrategy.parameterValue() + ", margin="
                + margin + ", contrast_anchors=" + contrastAnchors + ", contrast_positives=" + contrastPositives;
    }

    /**
     * One {@code n × n} block of the logits: row i compares row i of {@code rowColumn} with every row of
     * {@code candidateColumn}.
     *
     * @param name for messages ({@code anchor-positive})
     * @param rowColumn the column of the row texts (0 = anchor, 1 = positive)
     * @param candidateColumn the column of the candidates
     */
    public record SimilarityBlock(String name, int rowColumn, int candidateColumn) {

        /** Whether this is the block holding each anchor's own positive on its diagonal. */
        public boolean isAnchorPositive() {
            return rowColumn == 0 && candidateColumn == 1;
        }
    }
}
