package dev.contrastive4j.encoder;

import dev.contrastive4j.engine.MklDispatch;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Embeds texts with the bundled MiniLM in a child JVM (see {@code MiniLmParityTest}) and prints whether
 * {@link MklDispatch#LIBRARY_FILE} is loaded, then one line of exact float values per text.
 */
public final class MiniLmEncodeMain {

    public static final String LOADED_PREFIX = "mkl-dispatch-loaded=";
    public static final String EMBEDDING_PREFIX = "embedding=";

    private MiniLmEncodeMain() {
    }

    public static void main(String[] args) {
        System.out.println(LOADED_PREFIX + MklDispatch.loaded());
        try (SentenceEncoder minilm = new EncoderLoader().load("minilm")) {
            for (float[] embedding : minilm.encode(List.of(args), 8)) {
                // Hexadecimal floats are exact: the parent compares the values, not a rounding of them.
                System.out.println(EMBEDDING_PREFIX + IntStream.range(0, embedding.length)
                        .mapToObj(d -> Float.toHexString(embedding[d])).collect(Collectors.joining(" ")));
            }
        }
        System.out.flush();
    }
}
