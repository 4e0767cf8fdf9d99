package dev.contrastive4j.data;

import dev.contrastive4j.spi.Example;
import java.io.IOException;
import java.util.List;

/** Writes examples in one file syntax, under the column names an {@link ExampleWriter} chose. */
interface RowWriter {

    /**
     * Called once, before the first row.
     *
     * @param columns the text columns in example order, then {@code score} for scored pairs or the margin columns
     *     for triplets with margins
     */
    void start(List<String> columns) throws IOException;

    /** Writes one example whose texts are valid for this syntax. */
    void write(Example example) throws IOException;

    /** Pushes buffered rows to the underlying writer. */
    void flush() throws IOException;
}
