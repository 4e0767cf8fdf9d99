package dev.contrastive4j.data;

import dev.contrastive4j.data.RowSource.Row;
import dev.contrastive4j.data.Utf8Input.InvalidUtf8Exception;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.Example;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the examples of a JSONL, CSV or TSV file one row at a time, so that a file larger than memory can be
 * read: only the current row is held. Gzip-compressed files are recognised by their first bytes, whatever
 * their name. The text must be UTF-8 (a leading byte-order mark is skipped).
 *
 * <h2>Columns</h2>
 * The column names (the CSV/TSV header, or the keys of the first JSON object) decide the format, ignoring
 * case: {@code anchor}|{@code query}, {@code positive}|{@code pos} and negatives ({@code negative}|{@code neg},
 * or {@code negative_1}…{@code negative_k} and {@code neg_1}…, in number order) make triplets; anchor and
 * positive alone make pairs; {@code sentence1}, {@code sentence2} and {@code score}|{@code label} make scored
 * pairs. In JSONL, a {@code negatives} key may hold an array of texts, and every row must then have as many
 * as the first. Next to triplet texts, {@code label}|{@code score}|{@code margin} holds the teacher's margins
 * ({@link dev.contrastive4j.spi.Triplet#margins()}, read by {@code margin-mse(teacher=labels)}): one finite number
 * per negative, as a number (one negative) or, in JSONL, an array of numbers, or in columns
 * {@code label_1}…{@code label_k} (also {@code score_<n>}, {@code margin_<n>}) in number order. A column with any
 * other name is an error, unless an explicit {@link ColumnMapping} is given, which picks its columns and ignores
 * the rest.
 *
 * <h2>Errors</h2>
 * Problems throw a {@link DataFormatException} naming file, line and column. Every row must have the
 * columns of the header or first object, no more and no fewer; texts must be non-blank strings; a score must
 * be a number (or a numeric string) in [0, 1]; margins must be finite numbers, as many as the row's negatives
 * (a row without them, when the first row has them, is a row without the first row's columns: an error). With {@link ReadOptions#skipBadRows()}, such rows (and
 * malformed CSV rows, and lines that are not valid JSON objects) are skipped and counted in {@link #report()}.
 * These always fail, as they leave the rest of the file unreadable or meaningless: an empty file, a bad
 * header or first JSON object, unknown column names, a CSV quote left open at the end of the file, bytes
 * that are not UTF-8 (skipping them would silently drop or garble text), corrupt gzip data, and a file
 * without a single good row.
 *
 * <p>Use it in a try-with-resources block. Not thread-safe. After it has thrown, close it.
 */
public final class ExampleReader implements Iterator<Example>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExampleReader.class);

    private final Path file;
    private final FileFormat fileFormat;
    private final ReadOptions options;
    private final Utf8Input input;
    private final LongSupplier currentLine;
    private final RowSource rows;
    private final ColumnMapping mapping;
    private final RowMapper mapper;
    private final List<DataFormatException> problems = new ArrayList<>();
    private Example next;
    private boolean finished;
    private boolean closed;
    private long rowsRead;
    private long rowsSkipped;

    private ExampleReader(Path file, FileFormat fileFormat, ReadOptions options, Utf8Input input) {
        this.file = file;
        this.fileFormat = fileFormat;
        this.options = options;
        this.input = input;
        RecordParser parser = null;
        LineReader lines = null;
        switch (fileFormat) {
            case CSV -> parser = new CsvRecordParser(file, input);
            case TSV -> parser = new TsvRecordParser(new LineReader(file, input));
            case JSONL -> lines = new LineReader(file, input);
            default -> throw new IllegalStateException(fileFormat.toString());
        }
        this.currentLine = parser != null ? parser::currentLine : lines::currentLine;
        try {
            this.rows = parser != null ? new DelimitedRowSource(file, parser) : new JsonlRowSource(file, lines);
        } catch (IOException e) {
            throw translate(e);
        }
        this.mapping = ColumnResolver.resolve(file, rows.headerLine(), rows.columns(), options.mapping());
        this.mapper = new RowMapper(file, mapping, rows.columns());
    }

    /** Opens a file with the {@link ReadOptions#defaults() default options}. */
    public static ExampleReader open(Path file) {
        return open(file, ReadOptions.defaults());
    }

    /**
     * Opens a file and reads its header (or first JSON object), so that {@link #format()} is known.
     *
     * @throws ContrastiveException if the file does not exist, is a folder, or its format cannot be told from its
     *     name
     * @throws DataFormatException if the file is empty or its columns make up no format
     * @throws UncheckedIOException if the file cannot be read
     */
    public static ExampleReader open(Path file, ReadOptions options) {
        if (Files.isDirectory(file)) {
            throw new ContrastiveException("data file " + file + ": expected a file, found a folder");
        }
        FileFormat fileFormat = options.fileFormat() != null ? options.fileFormat() : FileFormat.fromFileName(file);
        InputStream in;
        try {
            in = Gzip.openDetecting(file);
        } catch (NoSuchFileException e) {
            throw new ContrastiveException("data file not found: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open data file " + file, e);
        }
        Utf8Input input = new Utf8Input(in);
        try {
            return new ExampleReader(file, fileFormat, options, input);
        } catch (RuntimeException e) {
            closeAfterFailure(input, e);
            throw e;
        }
    }

    /** The file being read. */
    public Path file() {
        return file;
    }

    /** The file's syntax. */
    public FileFormat fileFormat() {
        return fileFormat;
    }

    /** The format of every example this reader delivers. */
    public DataFormat format() {
        return mapping.format();
    }

    /** The columns used, as detected from their names or given explicitly, in the file's own spelling. */
    public ColumnMapping mapping() {
        return mapping;
    }

    /**
     * Whether another example follows; reads ahead to the next good row.
     *
     * @throws DataFormatException for a bad row (unless bad rows are skipped), for problems that make the
     *     rest of the file unreadable, and at the end of a file that gave no example at all
     */
    @Override
    public boolean hasNext() {
        if (next == null && !finished) {
            advance();
        }
        return next != null;
    }

    /** The next example. */
    @Override
    public Example next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more examples in " + file);
        }
        Example example = next;
        next = null;
        return example;
    }

    private void advance() {
        if (closed) {
            throw new IllegalStateException("reader of " + file + " is closed");
        }
        while (next == null) {
            if (rowsRead >= options.maxRows()) {
                finish();
                return;
            }
            Row row;
            try {
                row = rows.next();
            } catch (IOException e) {
                throw translate(e);
            }
            if (row == null) {
                finish();
                return;
            }
            try {
                if (row.problem() != null) {
                    throw row.problem();
                }
                next = mapper.toExample(row);
                rowsRead++;
            } catch (DataFormatException problem) {
                if (!options.skipBadRows()) {
                    throw problem;
                }
                rowsSkipped++;
                if (problems.size() < ReadReport.MAX_PROBLEMS) {
                    problems.add(problem);
                }
            }
        }
    }

    private void finish() {
        finished = true;
        if (rowsRead == 0 && rowsSkipped == 0) {
            throw new DataFormatException(file, rows.headerLine(), null,
                    "expected rows after the header, got none");
        }
        if (rowsRead == 0) {
            throw new DataFormatException(file, 0, null, "expected at least one good row, got none: all "
                    + rowsSkipped + " rows are bad, the first because " + problems.get(0).getMessage());
        }
        if (rowsSkipped > 0) {
            LOG.warn("{}", report().summary());
        }
    }

    /** The counts so far; complete once {@link #hasNext()} has returned false. */
    public ReadReport report() {
        return new ReadReport(file, rowsRead, rowsSkipped, problems);
    }

    /** The remaining examples as a sequential stream; closing the stream closes this reader. */
    public Stream<Example> stream() {
        Spliterator<Example> spliterator =
                Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(spliterator, false).onClose(this::close);
    }

    /** Turns a failure to read into the error to report: a data error where the data is at fault. */
    private RuntimeException translate(IOException e) {
        if (e instanceof InvalidUtf8Exception) {
            return new DataFormatException(file, currentLine.getAsLong(), null, e.getMessage());
        }
        if (e instanceof ZipException || e instanceof EOFException) {
            return new DataFormatException(file, currentLine.getAsLong(), null,
                    "expected complete gzip data, got " + (e instanceof EOFException ? "a truncated file" : "corrupt data")
                            + " (" + e.getMessage() + ")");
        }
        return new UncheckedIOException("cannot read data file " + file, e);
    }

    /** Closes the file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            input.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close data file " + file, e);
        }
    }

    private static void closeAfterFailure(Utf8Input input, RuntimeException failure) {
        try {
            input.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
