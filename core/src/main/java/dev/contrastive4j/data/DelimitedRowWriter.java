package dev.contrastive4j.data;

import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.ScoredPair;
import dev.contrastive4j.spi.Triplet;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes CSV (RFC 4180: CR LF line ends, fields quoted when they hold a comma, quote or line break, quotes
 * doubled) or TSV (tabs and LF, never quoted: the caller must keep tabs and line breaks out of the texts).
 */
final class DelimitedRowWriter implements RowWriter {

    private final Writer out;
    private final boolean csv;
    private final char separator;
    private final String lineEnd;

    DelimitedRowWriter(Writer out, boolean csv) {
        this.out = out;
        this.csv = csv;
        this.separator = csv ? ',' : '\t';
        this.lineEnd = csv ? "\r\n" : "\n";
    }

    @Override
    public void start(List<String> columns) throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            field(i, columns.get(i));
        }
        out.write(lineEnd);
    }

    @Override
    public void write(Example example) throws IOException {
        List<String> texts = example.texts();
        for (int i = 0; i < texts.size(); i++) {
            field(i, texts.get(i));
        }
        if (example instanceof ScoredPair pair) {
            field(texts.size(), Double.toString(pair.score()));
        } else if (example instanceof Triplet triplet) {
            for (int j = 0; j < triplet.margins().size(); j++) {
                field(texts.size() + j, Double.toString(triplet.margins().get(j)));
            }
        }
        out.write(lineEnd);
    }

    private void field(int index, String value) throws IOException {
        if (index > 0) {
            out.write(separator);
        }
        if (csv && needsQuotes(value)) {
            out.write('"');
            out.write(value.replace("\"", "\"\""));
            out.write('"');
        } else {
            out.write(value);
        }
    }

    private static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
