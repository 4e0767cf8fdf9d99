package dev.contrastive4j.encoding;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Embeddings as JSON Lines: {@code {"id":0,"embedding":[0.0123,…]}} per line. Floats are written in their
 * shortest form that reads back to the same {@code float32} value.
 */
final class JsonlEmbeddingWriter implements EmbeddingWriter {

    private static final JsonFactory JSON = new ObjectMapper().getFactory()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final JsonGenerator generator;
    private final int dimension;

    JsonlEmbeddingWriter(OutputStream out, int dimension) throws IOException {
        this.generator = JSON.createGenerator(out, JsonEncoding.UTF8);
        this.generator.setRootValueSeparator(null);
        this.dimension = dimension;
    }

    @Override
    public void write(JsonNode id, float[] embedding) throws IOException {
        if (embedding.length != dimension) {
            throw new IllegalArgumentException("expected " + dimension + " floats, got " + embedding.length);
        }
        generator.writeStartObject();
        generator.writeFieldName("id");
        generator.writeTree(id);
        generator.writeArrayFieldStart("embedding");
        for (float value : embedding) {
            generator.writeNumber(value);
        }
        generator.writeEndArray();
        generator.writeEndObject();
        generator.writeRaw('\n');
    }

    @Override
    public void close() throws IOException {
        generator.close();
    }
}
