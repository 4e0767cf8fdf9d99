package dev.contrastive4j.encoding;

import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.prompts.ColumnPrompts;
import dev.contrastive4j.prompts.PromptRole;
import dev.contrastive4j.prompts.Prompts;
import dev.contrastive4j.spi.ContrastiveException;
import java.util.List;
import java.util.Objects;

/**
 * What {@code c4j encode} does to each chunk of texts, in one place: put the prompt in front of every text (the
 * model's default prompt when none is asked for, as sentence-transformers' {@code encode} does), embed in batches
 * sorted by length ({@link SentenceEncoder#encode}), and scale to unit length when asked and the model does not
 * already normalise. {@link Encoding} uses it for a file; the Spark module ({@code contrastive4j-spark}) for each
 * partition of a data set, so both give the same embeddings.
 *
 * <p>It does not own the encoder: closing the encoder stays with whoever loaded it.
 */
public final class PromptedEncoder {

    private final SentenceEncoder encoder;
    private final ColumnPrompts prompts;
    private final PromptRole role;
    private final boolean rescale;
    private final int batchSize;

    /**
     * @param encoder a loaded model
     * @param prompts the prompts asked for, looked up in the model's own prompts
     * @param role the column the texts are: its prompt is applied ({@link PromptRole#ANCHOR} for plain encoding)
     * @param normalize scale every embedding to unit length, also when the model does not normalise
     * @param batchSize texts per forward pass
     * @throws ContrastiveException if the prompts name a prompt the model does not have
     */
    public PromptedEncoder(SentenceEncoder encoder, Prompts prompts, PromptRole role, boolean normalize,
            int batchSize) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.prompts = prompts.resolve(encoder.settings().prompts(), true, "--prompts");
        this.role = Objects.requireNonNull(role, "role");
        this.rescale = normalize && !encoder.settings().normalize(); // normalised models already are
        if (batchSize < 1) {
            throw new ContrastiveException("--batch-size must be at least 1, found " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * Checks that {@code prompts} is one prompt for every text (or none), which is what encoding one column takes.
     *
     * @throws ContrastiveException if the prompts are given per column
     */
    public static Prompts requireSingle(Prompts prompts) {
        if (!prompts.isEmpty() && !prompts.isSingle()) {
            throw new ContrastiveException("--prompts: encode embeds one column of texts, so it takes one prompt"
                    + " ('query: ' or @NAME for the model's prompt NAME), found per-column entries '" + prompts + "'");
        }
        return prompts;
    }

    /** The embedding width. */
    public int dimension() {
        return encoder.dimension();
    }

    /**
     * Embeds texts.
     *
     * @return one row per text, in input order
     */
    public float[][] encode(List<String> texts) {
        float[][] embeddings = encoder.encode(prompts.apply(role, texts), batchSize);
        if (rescale) {
            for (float[] embedding : embeddings) {
                PyTorchRuntime.scaleToUnitLength(embedding);
            }
        }
        return embeddings;
    }
}
