package dev.contrastive4j.encoder;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.FrozenModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frozen encoders that several users share, each loaded once: for instance GISTEmbed's guide model, which every
 * GIST loss of a combination and every training step uses. The plugin injector binds it as a singleton, so loss
 * factories can {@code @Inject} it.
 *
 * <p>A frozen encoder's parameters require no gradient: it is never part of a model's
 * {@link SentenceEncoder#trainableParameters()}, and a backward pass through anything it computed leaves its
 * weights untouched. Use it for inference ({@link SentenceEncoder#encode}), which records no graph anyway.
 *
 * <p>Models are keyed by what they are, not how they were named: a bundled model under any of its aliases
 * ({@code bge-small}, {@code BGE-small-en-v1.5}), a path in any spelling that resolves to the same file or
 * folder. Thread-safe; the encoders themselves are not.
 */
@Singleton
public final class SharedEncoders implements FrozenModels, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SharedEncoders.class);

    private final EncoderLoader loader;
    private final Map<String, SentenceEncoder> loaded = new LinkedHashMap<>();
    private boolean closed;

    @Inject
    public SharedEncoders(EncoderLoader loader) {
        this.loader = loader;
    }

    /**
     * The frozen encoder for a bundled model name or a path (anything {@link EncoderLoader#load(String)}
     * accepts), loaded on first use and shared afterwards. Do not close it: this service owns it.
     *
     * @throws ContrastiveException if the model cannot be loaded
     */
    @Override
    public synchronized SentenceEncoder frozen(String nameOrPath) {
        if (closed) {
            throw new IllegalStateException("shared encoders are closed");
        }
        String key = key(nameOrPath);
        SentenceEncoder encoder = loaded.get(key);
        if (encoder == null) {
            long start = System.nanoTime();
            encoder = loader.load(nameOrPath);
            encoder.block().freezeParameters(true);
            loaded.put(key, encoder);
            LOG.info("loaded frozen model {} in {} s", key, String.format("%.1f", (System.nanoTime() - start) / 1e9));
        }
        return encoder;
    }

    /** Closes every encoder loaded so far; later calls to {@link #frozen} fail. */
    @Override
    public synchronized void close() {
        closed = true;
        List<SentenceEncoder> encoders = new ArrayList<>(loaded.values());
        loaded.clear();
        RuntimeException failure = null;
        for (SentenceEncoder encoder : encoders) {
            try {
                encoder.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The bundled model's canonical name, or the absolute, normalised path (real path when it exists). */
    static String key(String nameOrPath) {
        return EncoderLoader.bundledName(nameOrPath).orElseGet(() -> {
            Path path = Path.of(nameOrPath).toAbsolutePath().normalize();
            try {
                return path.toRealPath().toString();
            } catch (java.io.IOException e) {
                return path.toString(); // the loader reports the missing file with its own message
            }
        });
    }
}
