package dev.contrastive4j.encoding;

import java.nio.file.Path;

/**
 * What an {@link Encoding} wrote.
 *
 * @param output the embeddings file
 * @param texts how many texts were embedded (one row each)
 * @param dimension the embeddings' size
 * @param encodeSeconds time spent embedding and writing
 * @param loadSeconds time spent loading the model
 */
public record EncodingResult(Path output, int texts, int dimension, double encodeSeconds, double loadSeconds) {
}
