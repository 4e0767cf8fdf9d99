package dev.contrastive4j.data;

import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.Triplet;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes examples to a JSONL, CSV or TSV file, streaming, in a form {@link ExampleReader} reads back as the
 * same examples.
 *
 * <p>Columns: {@code anchor}, {@code positive} and {@code negative} (one negative) or {@code negative_1}…
 * {@code negative_k} for triplets, followed by their margins ({@link Triplet#margins()}) if they have any, as
 * {@code label} (one negative) or {@code label_1}… {@code label_k}; {@code anchor}, {@code positive} for pairs;
 * {@code sentence1}, {@code sentence2}, {@code score} for scored pairs. The first example fixes the format, the
 * number of negatives and whether triplets have margins; every later one must match. A name ending in {@code .gz} is gzip-compressed.
 *
 * <p>The rows go to a hidden temporary file in the target's folder, which {@link #close()} renames onto the
 * target in one step: readers never see a half-written file, and a failure leaves no output. A failure
 * inside the writer (an I/O error, a text TSV cannot hold) deletes the temporary file at once. If your own
 * code fails between writes, call {@link #abort()}; closing would otherwise publish the rows written so far.
 * {@link Datasets#write} does this for you.
 *
 * <pre>{@code
 * try (ExampleWriter writer = ExampleWriter.create(Path.of("pairs.csv"))) {
 *     for (Example example : examples) {
 *         writer.write(example);
 *     }
 * } // pairs.csv appears here, complete
 * }</pre>
 *
 * <p>Texts must not be blank (readers reject blank texts), and TSV texts cannot hold tabs or line breaks:
 * writing one is a {@link ContrastiveException}. Not thread-safe.
 */
public final class ExampleWriter implements AutoCloseable {

    private static final int BUFFER_BYTES = 1 << 16;

    private final Path file;
    private final FileFormat fileFormat;
    private final Path temporary;
    private final FileChannel channel;
    private final GZIPOutputStream gzip;
    private final OutputStream bytes;
    private final Writer text;
    private final RowWriter rows;
    private DataFormat format;
    private List<String> columns;
    private int textColumns;
    private boolean margins;
    private long rowsWritten;
    private boolean closed;

    private ExampleWriter(Path file, FileFormat fileFormat) throws IOException {
        this.file = file;
        this.fileFormat = fileFormat;
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        this.temporary = createTemporary(folder, String.valueOf(file.getFileName()));
        FileChannel opened = null;
        try {
            opened = FileChannel.open(temporary, StandardOpenOption.WRITE);
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(opened), BUFFER_BYTES);
            this.gzip = FileFormat.namesGzip(file) ? new GZIPOutputStream(out, BUFFER_BYTES) : null;
            this.bytes = gzip != null ? gzip : out;
            // The encoder reports (rather than replaces) what UTF-8 cannot hold.
            this.text = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8.newEncoder()),
                    BUFFER_BYTES);
            this.rows = fileFormat == FileFormat.JSONL
                    ? new JsonlRowWriter(text)
                    : new DelimitedRowWriter(text, fileFormat == FileFormat.CSV);
            this.channel = opened;
        } catch (IOException | RuntimeException e) {
            if (opened != null) {
                opened.close();
            }
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /** Creates a writer whose syntax the file name tells ({@code .jsonl}, {@code .csv}, {@code .tsv}, under {@code .gz}). */
    public static ExampleWriter create(Path file) {
        return create(file, FileFormat.fromFileName(file));
    }

    /**
     * Creates a writer in the given syntax; the file is gzip-compressed if its name ends in {@code .gz}.
     * The target's folder is created if missing; an existing target is replaced on {@link #close()}.
     */
    public static ExampleWriter create(Path file, FileFormat fileFormat) {
        try {
            return new ExampleWriter(file, fileFormat);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    private static Path createTemporary(Path folder, String name) throws IOException {
        while (true) {
            Path candidate = folder.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + ".tmp");
            try {
                // Not Files.createTempFile: its owner-only permissions would pass on to the output.
                Files.newByteChannel(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                // Ctrl-C or SIGTERM runs the JVM's exit hooks: the unfinished file goes (once renamed, nothing does).
                candidate.toFile().deleteOnExit();
                return candidate;
            } catch (FileAlreadyExistsException e) {
                // Someone holds that name: draw another.
            }
        }
    }

    /**
     * Writes one example.
     *
     * @throws ContrastiveException if a text is blank or cannot be held by the syntax (the writer is then
     *     aborted)
     * @throws IllegalArgumentException if the example's format or number of negatives differs from the first
     *     example's (the writer is then aborted)
     */
    public void write(Example example) {
        if (closed) {
            throw new IllegalStateException("writer of " + file + " is closed or was aborted");
        }
        try {
            if (columns == null) {
                format = example.format();
                columns = columnsFor(example);
                textColumns = example.texts().size();
                margins = example instanceof Triplet triplet && triplet.hasMargins();
                rows.start(columns);
            }
            check(example);
            rows.write(example);
            rowsWritten++;
        } catch (IOException e) {
            abort();
            throw new UncheckedIOException("cannot write " + file, e);
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    private static List<String> columnsFor(Example example) {
        List<String> names = new ArrayList<>();
        switch (example.format()) {
            case PAIR -> names.addAll(List.of("anchor", "positive"));
            case SCORED_PAIR -> names.addAll(List.of("sentence1", "sentence2", "score"));
            case TRIPLET -> {
                names.addAll(List.of("anchor", "positive"));
                int negatives = ((Triplet) example).negatives().size();
                if (negatives == 1) {
                    names.add("negative");
                } else {
                    for (int i = 1; i <= negatives; i++) {
                        names.add("negative_" + i);
                    }
                }
                if (((Triplet) example).hasMargins()) {
                    if (negatives == 1) {
                        names.add("label");
                    } else {
                        for (int i = 1; i <= negatives; i++) {
                            names.add("label_" + i);
                        }
                    }
                }
            }
            default -> throw new IllegalStateException(example.format().toString());
        }
        return names;
    }

    private void check(Example example) {
        long row = rowsWritten + 1;
        List<String> texts = example.texts();
        if (example.format() != format || texts.size() != textColumns) {
            throw new IllegalArgumentException("row " + row + " of " + file + ": expected a " + format.cliName()
                    + " with " + textColumns + " texts as in the first row, got a " + example.format().cliName()
                    + " with " + texts.size());
        }
        if (example instanceof Triplet triplet && triplet.hasMargins() != margins) {
            throw new IllegalArgumentException("row " + row + " of " + file + ": expected a triplet "
                    + (margins ? "with" : "without") + " margins as in the first row, got one "
                    + (margins ? "without" : "with"));
        }
        for (int i = 0; i < texts.size(); i++) {
            String problem = problemWith(texts.get(i));
            if (problem != null) {
                throw new ContrastiveException("cannot write row " + row + " to " + file + ": column '"
                        + columns.get(i) + "' " + problem);
            }
        }
    }

    /** Why a text cannot be written so that it reads back unchanged, or {@code null} if it can. */
    private String problemWith(String text) {
        if (text.isBlank()) {
            return "is blank, and readers reject blank texts";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (fileFormat == FileFormat.TSV && (c == '\t' || c == '\n' || c == '\r')) {
                String what = c == '\t' ? "a tab" : "a line break";
                return "holds " + what + ", which TSV cannot hold (it has no quoting); write CSV or JSONL instead";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "holds an unpaired surrogate at index " + i + ", which UTF-8 cannot encode";
            }
        }
        return null;
    }

    /** The number of examples written so far. */
    public long rowsWritten() {
        return rowsWritten;
    }

    /** The file that {@link #close()} creates or replaces. */
    public Path file() {
        return file;
    }

    /** Discards everything written: the target is left as it was. Does nothing once closed. */
    public void abort() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            text.close();
        } catch (IOException | RuntimeException e) {
            // The output is being thrown away; a failure to close it changes nothing.
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary file " + temporary, e);
        }
    }

    /**
     * Finishes the file and renames it onto the target. Does nothing after {@link #abort()}.
     *
     * @throws UncheckedIOException if the file cannot be finished (nothing is then published)
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            rows.flush();
            text.flush();
            if (gzip != null) {
                gzip.finish();
            }
            bytes.flush();
            // On disk before the rename, so that a crash cannot leave an empty file under the target's name.
            channel.force(true);
            text.close();
            closed = true;
            moveOntoTarget();
        } catch (IOException e) {
            abort();
            throw new UncheckedIOException("cannot finish " + file, e);
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    private void moveOntoTarget() throws IOException {
        try {
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }
}
