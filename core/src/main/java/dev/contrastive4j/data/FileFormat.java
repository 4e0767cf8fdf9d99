package dev.contrastive4j.data;

import dev.contrastive4j.spi.ContrastiveException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The file syntaxes examples are read from and written to. Any of them may be gzip-compressed.
 *
 * <ul>
 *   <li>{@link #JSONL}: one JSON object per line (JSON Lines), UTF-8.</li>
 *   <li>{@link #CSV}: comma-separated values as in RFC 4180, with a header line: fields may be enclosed in
 *       double quotes, and a quoted field may hold commas, line breaks and doubled quotes ({@code ""}).</li>
 *   <li>{@link #TSV}: tab-separated values with a header line and <em>no quoting</em>: every character
 *       between two tabs is text, quotes included, so a text cannot hold a tab or a line break.</li>
 * </ul>
 */
public enum FileFormat {
    JSONL("jsonl", "ndjson"),
    CSV("csv"),
    TSV("tsv");

    private final String[] extensions;

    FileFormat(String... extensions) {
        this.extensions = extensions;
    }

    /**
     * The format a file name's extension names, looking under a trailing {@code .gz}: {@code train.jsonl.gz}
     * is JSONL.
     *
     * @throws ContrastiveException if the extension names no format
     */
    public static FileFormat fromFileName(Path file) {
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - ".gz".length());
        }
        for (FileFormat format : values()) {
            for (String extension : format.extensions) {
                if (name.endsWith("." + extension)) {
                    return format;
                }
            }
        }
        throw new ContrastiveException("cannot tell the format of '" + file + "' from its name: expected a name "
                + "ending in .jsonl, .ndjson, .csv or .tsv (optionally followed by .gz), or an explicit format");
    }

    /** Whether a file name asks for gzip compression (it ends in {@code .gz}). */
    static boolean namesGzip(Path file) {
        return String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(".gz");
    }
}
