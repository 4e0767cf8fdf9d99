package dev.contrastive4j.losses.ranking;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.contrastive4j.spi.Embedder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An encoder whose "model" is a table of fixed float64 embeddings, one row per text, that collects a gradient:
 * after a loss ran, {@link #gradient()} is ∂(what was back-propagated)/∂(each text's embedding), whether the loss
 * embedded the texts itself (cached losses) or not. Texts are named {@code c<column>r<row>}. Every pass is counted.
 */
final class TableEmbedder implements Embedder {

    private final double[][][] columns;
    private final Map<String, Integer> rowOfText = new LinkedHashMap<>();
    private final NDArray table;
    private final List<List<String>> detachedPasses = new ArrayList<>();
    private final List<List<String>> passesWithGradient = new ArrayList<>();

    TableEmbedder(NDManager manager, double[][][] columns) {
        this.columns = columns;
        int dimension = columns[0][0].length;
        List<double[]> rows = new ArrayList<>();
        for (int c = 0; c < columns.length; c++) {
            for (int r = 0; r < columns[c].length; r++) {
                rowOfText.put(text(c, r), rows.size());
                rows.add(columns[c][r]);
            }
        }
        double[] flat = new double[rows.size() * dimension];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, flat, i * dimension, dimension);
        }
        try (NDArray javaBacked = manager.create(flat, new Shape(rows.size(), dimension))) {
            table = javaBacked.duplicate();
        }
        table.setRequiresGradient(true);
    }

    static String text(int column, int row) {
        return "c" + column + "r" + row;
    }

    @Override
    public int dimension() {
        return columns[0][0].length;
    }

    @Override
    public NDArray embedDetached(List<String> texts, NDManager manager, long dropoutSeed) {
        detachedPasses.add(List.copyOf(texts));
        try (NDArray selected = select(texts, manager)) {
            return selected.stopGradient();
        }
    }

    @Override
    public NDArray embedWithGradient(List<String> texts, NDManager manager, long dropoutSeed) {
        passesWithGradient.add(List.copyOf(texts));
        return select(texts, manager);
    }

    /** One-hot rows times the table: a product whose backward reaches the table. */
    private NDArray select(List<String> texts, NDManager manager) {
        double[] oneHot = new double[texts.size() * rowOfText.size()];
        for (int i = 0; i < texts.size(); i++) {
            oneHot[i * rowOfText.size() + rowOfText.get(texts.get(i))] = 1;
        }
        NDArray owned;
        try (NDArray javaBacked = manager.create(oneHot, new Shape(texts.size(), rowOfText.size()))) {
            owned = javaBacked.duplicate();
        }
        NDArray selected = owned.dot(table);
        selected.attach(manager);
        return selected;
    }

    List<List<String>> detachedPasses() {
        return List.copyOf(detachedPasses);
    }

    List<List<String>> passesWithGradient() {
        return List.copyOf(passesWithGradient);
    }

    /** ∂/∂ every text's embedding, in the {@code [column][row][k]} layout of the constructor's columns. */
    double[][][] gradient() {
        double[] flat = table.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
        int dimension = dimension();
        double[][][] gradient = new double[columns.length][][];
        for (int c = 0; c < columns.length; c++) {
            gradient[c] = new double[columns[c].length][dimension];
            for (int r = 0; r < columns[c].length; r++) {
                System.arraycopy(flat, rowOfText.get(text(c, r)) * dimension, gradient[c][r], 0, dimension);
            }
        }
        return gradient;
    }
}
