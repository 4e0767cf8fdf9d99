package dev.contrastive4j.spark;

import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.encoder.SentenceEncoder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models loaded in this JVM, one per {@link SparkModel#cacheKey()}, loaded on first use and kept until the JVM
 * ends. Static on purpose: an executor runs many tasks, and each would otherwise load (and hold) its own copy of
 * the weights. Tasks take turns on a model: libtorch already spreads one forward pass over the executor's cores.
 */
final class ExecutorModels {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);
    private static final Map<String, SentenceEncoder> LOADED = new ConcurrentHashMap<>();

    private ExecutorModels() {
    }

    /** Runs {@code work} with this JVM's copy of the model, loading it first if no task has yet. */
    static <T> T withEncoder(SparkModel model, Function<SentenceEncoder, T> work) {
        SentenceEncoder encoder = LOADED.computeIfAbsent(model.cacheKey(), key -> {
            long start = System.nanoTime();
            SentenceEncoder loaded = new EncoderLoader().load(model.resolveLocally(), model.maxSeqLength());
            LOG.info("loaded model {} in {} s", model, String.format(java.util.Locale.ROOT, "%.1f",
                    (System.nanoTime() - start) / 1e9));
            return loaded;
        });
        synchronized (encoder) {
            return work.apply(encoder);
        }
    }
}
