package dev.contrastive4j.encoder;

import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.engine.SingleThreadWorkers;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.contrastive4j.encoder.io.FloatTensor;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.Embedder;
import dev.contrastive4j.spi.FrozenModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A sentence-embedding model: tokenizer → BERT ({@link BertModelBlock}, PyTorch engine) → pooling → optional
 * L2 normalisation, the JVM counterpart of a sentence-transformers {@code SentenceTransformer}.
 *
 * <p>For inference, {@link #encode} embeds any number of texts in batches sorted by token length (so that
 * little is padded), without dropout and without recording a graph, and returns plain arrays in input order.
 *
 * <p>For training it is the {@link Embedder} that losses see: both passes run the model in training mode
 * (dropout active) with dropout masks drawn from the given seed; {@link #embedWithGradient} records the graph
 * back to {@link #trainableParameters()}, {@link #embedDetached} records none, even inside an open
 * {@code GradientCollector}. Each call embeds its texts in the given order, as one batch or, for long texts, in
 * consecutive passes joined in the graph (see {@link #rowsPerPass}).
 *
 * <h2>Threads</h2>
 * {@link #encode}, {@link #embed} and {@link #tokenize} may be called from several threads at once and give
 * each the vectors a serial call would: each call works in its own sub-manager (DJL's managers are concurrent),
 * the blocks keep no state between calls, PyTorch's grad mode is per thread, and the Hugging Face tokenizer
 * encodes through an immutable native tokenizer. The training passes are not thread-safe: they seed PyTorch's
 * process-wide generator for dropout, so one training step at a time; nor are {@link #loadWeights} and
 * {@link #close} while other calls run. Within one {@link #encode} call on the CPU, small passes run side by side on
 * {@link SingleThreadWorkers}, one thread each (see {@link #runsSideBySide}); larger ones run on the caller's thread
 * with all of libtorch's intra-op threads.
 *
 * <p>Owns native memory (parameters, tokenizer): close it.
 */
public final class SentenceEncoder implements Embedder, FrozenModel, AutoCloseable {

    /**
     * The largest temporary array one forward pass should allocate (inference, and training, where the graph
     * keeps such arrays until backward). glibc's allocator hands a freed block of
     * more than 32 MiB (its largest reusable size on 64-bit) straight back to the kernel, and the next one is
     * mapped and zeroed page by page again: at 32 × 256 tokens that churn cost four times the arithmetic.
     * Blocks below the limit are recycled in the process.
     */
    static final long LARGEST_PASS_TEMPORARY_BYTES = 24L << 20;

    /** The most padded tokens a pass may hold to run side by side with others (see {@link #runsSideBySide}). */
    public static final int SIDE_BY_SIDE_MAX_TOKENS = 2048;

    private final BertConfig config;
    private final EncoderSettings settings;
    private final SentenceTokenizer tokenizer;
    private final NDManager manager;
    private final BertModelBlock block;
    private final Pooling pooling;

    private SentenceEncoder(BertConfig config, EncoderSettings settings, SentenceTokenizer tokenizer,
            NDManager manager, BertModelBlock block) {
        this.config = config;
        this.settings = settings;
        this.tokenizer = tokenizer;
        this.manager = manager;
        this.block = block;
        this.pooling = new Pooling(settings.pooling(), settings.normalize());
    }

    /**
     * Builds an encoder from its parts.
     *
     * @param tokenizerJson the text of the model's {@code tokenizer.json}
     * @param weights every BERT tensor under its Hugging Face name (see {@link BertModelBlock#parametersByHfName});
     *     the pooler's tensors are optional
     * @param weightsSource names the weights' file in error messages
     * @throws ContrastiveException if the parts do not fit together (pooling width, token limit, vocabulary,
     *     tensor names or shapes)
     */
    public static SentenceEncoder create(BertConfig config, EncoderSettings settings, String tokenizerJson,
            Map<String, FloatTensor> weights, String weightsSource) {
        return create(config, settings, tokenizerJson, "tokenizer.json", weights, weightsSource);
    }

    /**
     * Builds an encoder from its parts, naming the tokenizer's file in error messages.
     *
     * @param tokenizerSource names the {@code tokenizer.json} in error messages
     * @see #create(BertConfig, EncoderSettings, String, Map, String)
     */
    public static SentenceEncoder create(BertConfig config, EncoderSettings settings, String tokenizerJson,
            String tokenizerSource, Map<String, FloatTensor> weights, String weightsSource) {
        return create(config, settings, tokenizerJson, tokenizerSource, weights, weightsSource, Device.cpu());
    }

    /**
     * Builds an encoder whose parameters, and every array its passes make, live on {@code device}.
     *
     * @see #create(BertConfig, EncoderSettings, String, String, Map, String)
     */
    public static SentenceEncoder create(BertConfig config, EncoderSettings settings, String tokenizerJson,
            String tokenizerSource, Map<String, FloatTensor> weights, String weightsSource, Device device) {
        if (settings.pooling().wordEmbeddingDimension() != config.hiddenSize()) {
            throw new ContrastiveException("pooling word_embedding_dimension "
                    + settings.pooling().wordEmbeddingDimension() + " differs from the model's hidden_size "
                    + config.hiddenSize());
        }
        if (settings.maxSeqLength() > config.maxPositionEmbeddings()) {
            throw new ContrastiveException("max_seq_length " + settings.maxSeqLength()
                    + " exceeds the model's max_position_embeddings " + config.maxPositionEmbeddings());
        }
        boolean withPooler = weights.keySet().stream().anyMatch(name -> name.startsWith("pooler."));
        SentenceTokenizer tokenizer = SentenceTokenizer.fromJson(
                tokenizerJson, settings.maxSeqLength(), settings.doLowerCase(), tokenizerSource);
        NDManager manager = null;
        try {
            if (tokenizer.vocabularySize() > config.vocabSize()) {
                throw new ContrastiveException(tokenizerSource + " produces ids up to " + (tokenizer.vocabularySize() - 1)
                        + ", but the model's vocab_size is " + config.vocabSize() + ": tokenizer and model do not match");
            }
            manager = PyTorchRuntime.newManager(device);
            BertModelBlock block = new BertModelBlock(config, withPooler);
            block.initialize(manager);
            BlockWeights.load(block, weights, weightsSource);
            return new SentenceEncoder(config, settings, tokenizer, manager, block);
        } catch (RuntimeException e) {
            if (manager != null) {
                manager.close();
            }
            tokenizer.close();
            throw e;
        }
    }

    /** Where the parameters live, and the arrays of {@link #encode}'s passes. */
    public Device device() {
        return manager.getDevice();
    }

    /** The BERT configuration. */
    public BertConfig bertConfig() {
        return config;
    }

    /** Pooling, normalisation and text-length settings. */
    public EncoderSettings settings() {
        return settings;
    }

    /** The tokenizer (owned by this encoder: do not close it). */
    public SentenceTokenizer tokenizer() {
        return tokenizer;
    }

    /** The transformer block. */
    public BertModelBlock block() {
        return block;
    }

    @Override
    public int dimension() {
        return settings.pooling().outputDimension();
    }

    /** The parameters an optimiser updates, under their Hugging Face names (the frozen pooler excluded). */
    public Map<String, Parameter> trainableParameters() {
        Map<String, Parameter> trainable = new LinkedHashMap<>();
        block.parametersByHfName().forEach((name, parameter) -> {
            if (parameter.requiresGradient()) {
                trainable.put(name, parameter);
            }
        });
        return trainable;
    }

    /** A copy of every weight under its Hugging Face name. */
    public Map<String, FloatTensor> exportWeights() {
        return BlockWeights.export(block);
    }

    /** Replaces every weight (e.g. from a checkpoint); see {@link BlockWeights#load}. */
    public void loadWeights(Map<String, FloatTensor> weights, String source) {
        BlockWeights.load(block, weights, source);
    }

    /** The token ids each text becomes, {@code [CLS]} and {@code [SEP]} included, truncated to the model's limit. */
    public List<long[]> tokenize(List<String> texts) {
        return tokenizer.tokenize(texts);
    }

    /**
     * Embeds texts for inference: no dropout, no graph, batches of up to {@code batchSize} texts of similar
     * token length, every batch's arrays freed before the next (small batches: before the worker that ran it takes
     * its next one, see {@link #runsSideBySide}).
     *
     * @return one {@link #dimension()}-wide row per text, in input order
     */
    @Override
    public float[][] encode(List<String> texts, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, found " + batchSize);
        }
        List<long[]> tokens = tokenizer.tokenize(texts);
        // Longest first: the first batch shows the peak memory at once, and equal lengths pad little.
        int[] order = IntStream.range(0, tokens.size()).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> tokens.get(i).length).reversed())
                .mapToInt(Integer::intValue).toArray();
        // Longest first, so each pass's first text is its longest and sets the pass's size (whether its
        // attention runs fused depends on that length).
        List<int[]> onCallerThread = new ArrayList<>();
        List<int[]> sideBySide = new ArrayList<>();
        boolean workers = Device.Type.CPU.equals(device().getDeviceType()) && SingleThreadWorkers.available();
        for (int batchStart = 0; batchStart < order.length; batchStart += batchSize) {
            int batchEnd = Math.min(order.length, batchStart + batchSize);
            for (int start = batchStart; start < batchEnd; ) {
                int length = tokens.get(order[start]).length;
                int end = Math.min(batchEnd, start + rowsPerPass(length, false));
                (workers && runsSideBySide(end - start, length) ? sideBySide : onCallerThread)
                        .add(new int[] {start, end});
                start = end;
            }
        }
        float[][] embeddings = new float[tokens.size()][];
        PyTorchRuntime.withGradMode(false, () -> {
            for (int[] pass : onCallerThread) {
                encodePass(tokens, order, pass[0], pass[1], embeddings);
            }
            return null;
        });
        if (!sideBySide.isEmpty()) {
            // Each pass writes its own rows of the result; the pool's completion makes them visible here.
            SingleThreadWorkers.forEach(sideBySide.size(), index -> PyTorchRuntime.withGradMode(false, () -> {
                encodePass(tokens, order, sideBySide.get(index)[0], sideBySide.get(index)[1], embeddings);
                return null;
            }));
        }
        return embeddings;
    }

    /**
     * Whether a pass of {@code rows} texts padded to {@code paddedLength} tokens runs on a
     * {@linkplain SingleThreadWorkers single-thread worker}, side by side with other such passes, rather than on the
     * caller's thread with all intra-op threads: when it holds at most {@value #SIDE_BY_SIDE_MAX_TOKENS} padded
     * tokens. Measured on the 2-core AMD EPYC machine with all-MiniLM-L6-v2, batches of 32, both ways in one
     * process, 5 rounds (best and median sentences/s, side by side against one at a time): WordNet's short texts
     * (about 10 tokens) 1,307 / 1,195 against 1,086 / 1,033; texts of 24 tokens 551 / 539 against 536 / 514; 48
     * tokens 281 / 279 against 261 / 255; 64 tokens 206 / 200 against 193 / 190; from 96 tokens on the gain fell to
     * 2-5 % (128 tokens: 113 / 104 against 107 / 102) while each worker holds a pass of its own in memory.
     */
    public static boolean runsSideBySide(int rows, int paddedLength) {
        return (long) rows * paddedLength <= SIDE_BY_SIDE_MAX_TOKENS;
    }

    /** Embeds the texts {@code order[start..end)} as one forward pass into {@code embeddings}. */
    private void encodePass(List<long[]> tokens, int[] order, int start, int end, float[][] embeddings) {
        List<long[]> pass = new ArrayList<>(end - start);
        for (int i = start; i < end; i++) {
            pass.add(tokens.get(order[i]));
        }
        try (NDManager scope = manager.newSubManager()) {
            float[] flat = forward(pass, scope, false).toFloatArray();
            int width = dimension();
            for (int row = 0; row < pass.size(); row++) {
                float[] embedding = new float[width];
                System.arraycopy(flat, row * width, embedding, 0, width);
                embeddings[order[start + row]] = embedding;
            }
        }
    }

    /**
     * How many texts of {@code paddedLength} tokens one forward pass embeds, so that its largest temporary
     * stays under {@link #LARGEST_PASS_TEMPORARY_BYTES}: a layer's feed-forward activations,
     * {@code rows × T × intermediate} floats, or, where attention does not run fused (training with attention
     * dropout, or texts shorter than {@link BertSelfAttention#FUSED_MIN_LENGTH}), its attention scores,
     * {@code rows × heads × T × T}. Short texts fill a whole batch in one pass; at 256 tokens MiniLM embeds 16
     * texts at a time in inference and 8 in training. Rows are independent, so the embeddings are those of the
     * whole batch (up to float rounding in the matrix kernels); in training each pass draws its own dropout
     * masks, one pass after the other from the seeded generator.
     */
    int rowsPerPass(int paddedLength, boolean training) {
        long widest = BertSelfAttention.runsFused(config.attentionProbsDropoutProb(), training, paddedLength)
                ? config.intermediateSize()
                : Math.max(config.intermediateSize(), (long) config.numAttentionHeads() * paddedLength);
        long bytesPerRow = Float.BYTES * (long) paddedLength * widest;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, LARGEST_PASS_TEMPORARY_BYTES / bytesPerRow));
    }

    /**
     * Embeds texts for inference in the given order (no dropout, no graph; long texts in passes, see
     * {@link #rowsPerPass}); the result belongs to {@code target}.
     * For a frozen model used inside a training step, e.g. a guide model.
     */
    public NDArray embed(List<String> texts, NDManager target) {
        return PyTorchRuntime.withGradMode(false, () -> embedOneBatch(texts, target, false));
    }

    @Override
    public NDArray embedDetached(List<String> texts, NDManager target, long dropoutSeed) {
        return PyTorchRuntime.withGradMode(false, () -> {
            PyTorchRuntime.seedRandom(dropoutSeed);
            return embedOneBatch(texts, target, true);
        });
    }

    @Override
    public NDArray embedWithGradient(List<String> texts, NDManager target, long dropoutSeed) {
        return PyTorchRuntime.withGradMode(true, () -> {
            PyTorchRuntime.seedRandom(dropoutSeed);
            return embedOneBatch(texts, target, true);
        });
    }

    /**
     * Saves the model as a sentence-transformers folder (safetensors weights, Hugging Face names), replacing
     * {@code folder} only once the new model is complete; see {@link SentenceTransformersWriter}.
     */
    public void save(Path folder) {
        SentenceTransformersWriter.write(this, settings, folder);
    }

    /**
     * Saves the model as {@link #save(Path)} does, with other prompts in its {@code config_sentence_transformers.json}
     * (a model trained with prompts keeps them, so that sentence-transformers can apply them too).
     */
    public void save(Path folder, dev.contrastive4j.prompts.ModelPrompts prompts) {
        SentenceTransformersWriter.write(this, settings.withPrompts(prompts), folder);
    }

    @Override
    public void close() {
        try {
            manager.close();
        } finally {
            tokenizer.close();
        }
    }

    private NDArray embedOneBatch(List<String> texts, NDManager target, boolean training) {
        if (texts.isEmpty()) {
            return target.zeros(new Shape(0, dimension()));
        }
        List<long[]> tokens = tokenizer.tokenize(texts);
        int longest = tokens.stream().mapToInt(ids -> ids.length).max().orElse(0);
        // The passes are not sorted: a later pass may hold only texts too short for fused attention.
        int rowsPerPass = Math.min(rowsPerPass(longest, training),
                rowsPerPass(Math.min(longest, BertSelfAttention.FUSED_MIN_LENGTH - 1), training));
        // Intermediate arrays live in a scope freed on return; a recorded graph keeps what backward needs.
        try (NDManager scope = target.newSubManager()) {
            NDList passes = new NDList();
            for (int start = 0; start < tokens.size(); start += rowsPerPass) {
                passes.add(forward(tokens.subList(start, Math.min(tokens.size(), start + rowsPerPass)), scope,
                        training));
            }
            // Joined in the graph: backward reaches every pass.
            NDArray embeddings = passes.size() == 1 ? passes.head() : NDArrays.concat(passes, 0);
            embeddings.attach(target);
            return embeddings;
        }
    }

    private NDArray forward(List<long[]> tokens, NDManager scope, boolean training) {
        NDList inputs = TokenBatch.pad(tokens, tokenizer.padId()).toNDList(scope);
        NDArray hidden = block.forward(new ParameterStore(scope, false), inputs, training).head();
        return pooling.pool(hidden, inputs.get(1));
    }
}
