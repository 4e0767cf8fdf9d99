package dev.contrastive4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.prompts.ModelPrompts;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link SentenceEncoder} as the trainer sees it. */
public final class EncoderTrainingModel implements TrainableModel {

    private final SentenceEncoder encoder;
    private final int inferenceBatchSize;
    private final ModelPrompts savedPrompts;

    /**
     * @param encoder the encoder to train in place
     * @param inferenceBatchSize batch size of the evaluation passes
     */
    public EncoderTrainingModel(SentenceEncoder encoder, int inferenceBatchSize) {
        this(encoder, inferenceBatchSize, encoder.settings().prompts());
    }

    /**
     * @param encoder the encoder to train in place
     * @param inferenceBatchSize batch size of the evaluation passes
     * @param savedPrompts the prompts every saved model carries (the model's own and those it is trained with)
     */
    public EncoderTrainingModel(SentenceEncoder encoder, int inferenceBatchSize, ModelPrompts savedPrompts) {
        this.encoder = encoder;
        this.inferenceBatchSize = inferenceBatchSize;
        this.savedPrompts = java.util.Objects.requireNonNull(savedPrompts, "savedPrompts");
    }

    @Override
    public int dimension() {
        return encoder.dimension();
    }

    @Override
    public NDArray embedDetached(List<String> texts, NDManager manager, long dropoutSeed) {
        return encoder.embedDetached(texts, manager, dropoutSeed);
    }

    @Override
    public NDArray embedWithGradient(List<String> texts, NDManager manager, long dropoutSeed) {
        return encoder.embedWithGradient(texts, manager, dropoutSeed);
    }

    @Override
    public Map<String, NDArray> trainableParameters() {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        encoder.trainableParameters().forEach((name, parameter) -> arrays.put(name, parameter.getArray()));
        return arrays;
    }

    @Override
    public float[][] encode(List<String> texts) {
        return encoder.encode(texts, inferenceBatchSize);
    }

    @Override
    public void save(Path folder) {
        encoder.save(folder, savedPrompts);
    }
}
