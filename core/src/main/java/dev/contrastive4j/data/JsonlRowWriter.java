package dev.contrastive4j.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.ScoredPair;
import dev.contrastive4j.spi.Triplet;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writes one JSON object per line, texts as strings and the score or margins as numbers. */
final class JsonlRowWriter implements RowWriter {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private final JsonGenerator json;
    private List<String> columns;

    JsonlRowWriter(Writer out) throws IOException {
        this.json = FACTORY.createGenerator(out);
        // No separator between root values: each object ends with its own line break instead.
        json.setPrettyPrinter(new MinimalPrettyPrinter(""));
    }

    @Override
    public void start(List<String> names) {
        this.columns = names;
    }

    @Override
    public void write(Example example) throws IOException {
        List<String> texts = example.texts();
        json.writeStartObject();
        for (int i = 0; i < texts.size(); i++) {
            json.writeStringField(columns.get(i), texts.get(i));
        }
        if (example instanceof ScoredPair pair) {
            json.writeNumberField(columns.get(texts.size()), pair.score());
        } else if (example instanceof Triplet triplet) {
            for (int j = 0; j < triplet.margins().size(); j++) {
                json.writeNumberField(columns.get(texts.size() + j), triplet.margins().get(j));
            }
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }

    @Override
    public void flush() throws IOException {
        json.flush();
    }
}
