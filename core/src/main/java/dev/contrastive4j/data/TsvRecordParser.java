package dev.contrastive4j.data;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Tab-separated values without quoting: each line (ended by LF or CR LF) is a record, and every tab
 * separates two fields. Quotes are ordinary characters, so no text can hold a tab or a line break.
 * Empty lines are skipped.
 */
final class TsvRecordParser implements RecordParser {

    private final LineReader lines;

    TsvRecordParser(LineReader lines) {
        this.lines = lines;
    }

    @Override
    public List<String> next() throws IOException {
        String line;
        do {
            line = lines.readLine();
        } while (line != null && line.isEmpty());
        return line == null ? null : Arrays.asList(line.split("\t", -1));
    }

    @Override
    public long recordLine() {
        return lines.lineNumber();
    }

    @Override
    public long currentLine() {
        return lines.currentLine();
    }
}
