package dev.contrastive4j.train;

import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.ParameterSpec;
import dev.contrastive4j.spi.ParameterValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;

/**
 * Creates {@link MatryoshkaLoss}: {@code matryoshka(<loss or combination>, dims=[…], weights=[…])}, alias
 * {@code matryoshkaloss}. Bound by the core itself, so every installation has it.
 */
public final class MatryoshkaLossFactory implements WrapperLossFactory {

    /** The canonical name. */
    public static final String NAME = "matryoshka";

    static final String DIMS = "dims";
    static final String WEIGHTS = "weights";

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(NAME)
            .aliases("matryoshkaloss")
            .summary("Wraps a loss or combination: its weighted sum over embeddings truncated to each of dims and"
                    + " normalised again (Matryoshka representation learning).")
            .formats(DataFormat.values())
            .parameter(ParameterSpec.integerList(DIMS, List.of(),
                            "The embedding sizes to train, e.g. [384, 256, 128, 64]; required.").atLeast(1))
            .parameter(ParameterSpec.numberList(WEIGHTS, List.of(),
                            "One weight per dimension, in the order of dims; all 1 when left out.").greaterThan(0))
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public MatryoshkaLoss wrap(LossPlan inner, ParameterValues parameters) {
        List<Integer> dims = parameters.getIntList(DIMS);
        List<Double> weights = parameters.getDoubleList(WEIGHTS);
        if (dims.isEmpty()) {
            throw new ContrastiveException("loss '" + NAME + "' needs the dimensions to train at, e.g. " + NAME
                    + "(mnrl, dims=[384, 256, 128, 64])");
        }
        if (!weights.isEmpty() && weights.size() != dims.size()) {
            throw new ContrastiveException("loss '" + NAME + "': " + weights.size() + " weights for " + dims.size()
                    + " dims; give one weight per dimension, or none for all 1");
        }
        if (new HashSet<>(dims).size() != dims.size()) {
            throw new ContrastiveException("loss '" + NAME + "': dims " + dims + " names a dimension twice");
        }
        List<Double> effective = weights.isEmpty() ? Collections.nCopies(dims.size(), 1.0) : weights;
        List<MatryoshkaLoss.Level> levels = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            levels.add(new MatryoshkaLoss.Level(dims.get(i), effective.get(i)));
        }
        return new MatryoshkaLoss(inner, levels);
    }
}
