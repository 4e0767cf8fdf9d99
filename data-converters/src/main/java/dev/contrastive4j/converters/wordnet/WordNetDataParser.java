package dev.contrastive4j.converters.wordnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses the lines of WordNet's data files ({@code data.noun}, {@code data.verb}, {@code data.adj},
 * {@code data.adv}) as the wndb(5WN) manual page describes them:
 *
 * <pre>
 * synset_offset lex_filenum ss_type w_cnt word lex_id [word lex_id...] p_cnt [ptr...] [frames...] | gloss
 * </pre>
 *
 * where {@code w_cnt} is two hexadecimal digits, {@code lex_id} one hexadecimal digit, {@code p_cnt} three
 * decimal digits, each pointer is {@code pointer_symbol synset_offset pos source/target} (the last four
 * hexadecimal digits), and verb lines add {@code f_cnt} and {@code + f_num w_num} frames. Lines that start
 * with two spaces are the license header, not synsets.
 */
public final class WordNetDataParser {

    /** Where an adjective may stand: (a) attributive, (p) predicative, (ip) immediately postnominal. */
    private static final Pattern ADJECTIVE_POSITION_MARKER = Pattern.compile("\\((?:a|p|ip)\\)$");

    /** Whether a line belongs to the license header that opens every data file. */
    public static boolean isLicenseLine(String line) {
        return line.startsWith("  ");
    }

    /**
     * Parses one synset line.
     *
     * @param line the line without its line terminator
     * @param fileName the file it came from, for error messages
     * @param lineNumber its 1-based line number, for error messages
     * @throws WordNetFormatException when a field is missing or malformed, naming the file, line and column
     */
    public Synset parse(String line, String fileName, int lineNumber) {
        Fields fields = new Fields(line, fileName, lineNumber);
        long offset = fields.decimal("a synset offset (decimal digits)");
        fields.decimal("a lexicographer file number (decimal digits)");
        String type = fields.next("a synset type (n, v, a, s or r)");
        char typeSymbol = type.length() == 1 ? type.charAt(0) : '?';
        PartOfSpeech pos = PartOfSpeech.fromSymbol(typeSymbol)
                .orElseThrow(() -> fields.errorAtLast("a synset type (n, v, a, s or r)"));

        int wordCount = (int) fields.hexadecimal("a word count (2 hexadecimal digits)");
        if (wordCount == 0) {
            throw fields.errorAtLast("a word count of at least 1");
        }
        List<String> words = new ArrayList<>(wordCount);
        for (int i = 0; i < wordCount; i++) {
            words.add(readableWord(fields.next("word " + (i + 1) + " of " + wordCount)));
            fields.hexadecimal("the lexical id of word " + (i + 1) + " (1 hexadecimal digit)");
        }

        int pointerCount = (int) fields.decimal("a pointer count (3 decimal digits)");
        List<Pointer> pointers = new ArrayList<>(pointerCount);
        for (int i = 0; i < pointerCount; i++) {
            pointers.add(pointer(fields, i + 1, pointerCount));
        }

        if (pos == PartOfSpeech.VERB && !fields.peekIs("|")) {
            skipVerbFrames(fields);
        }
        fields.expect("|", "'|' before the gloss");
        return new Synset(new SynsetId(pos, offset), typeSymbol == 's', words, pointers,
                Gloss.parse(fields.rest()));
    }

    private static Pointer pointer(Fields fields, int number, int count) {
        String what = "pointer " + number + " of " + count;
        String symbol = fields.next("the symbol of " + what);
        long targetOffset = fields.decimal("the target offset of " + what + " (decimal digits)");
        String posExpected = "the part of speech of " + what + " (n, v, a, s or r)";
        String posText = fields.next(posExpected);
        PartOfSpeech targetPos = (posText.length() == 1 ? PartOfSpeech.fromSymbol(posText.charAt(0))
                        : Optional.<PartOfSpeech>empty())
                .orElseThrow(() -> fields.errorAtLast(posExpected));
        String sourceTarget = fields.next("the source/target of " + what + " (4 hexadecimal digits)");
        if (sourceTarget.length() != 4 || !isHexadecimal(sourceTarget)) {
            throw fields.errorAtLast("the source/target of " + what + " (4 hexadecimal digits)");
        }
        return new Pointer(symbol, new SynsetId(targetPos, targetOffset),
                Integer.parseInt(sourceTarget.substring(0, 2), 16), Integer.parseInt(sourceTarget.substring(2), 16));
    }

    /** Verb frames ({@code f_cnt + f_num w_num ...}) say which sentence patterns fit; the builder needs none. */
    private static void skipVerbFrames(Fields fields) {
        int frameCount = (int) fields.decimal("a verb frame count (2 decimal digits)");
        for (int i = 0; i < frameCount; i++) {
            String what = "verb frame " + (i + 1) + " of " + frameCount;
            fields.expect("+", "'+' opening " + what);
            fields.decimal("the frame number of " + what + " (decimal digits)");
            fields.hexadecimal("the word number of " + what + " (hexadecimal digits)");
        }
    }

    /** {@code galore(ip)} becomes {@code galore}, {@code take_a_breath} becomes {@code take a breath}. */
    static String readableWord(String word) {
        return ADJECTIVE_POSITION_MARKER.matcher(word).replaceFirst("").replace('_', ' ');
    }

    private static boolean isHexadecimal(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return !text.isEmpty();
    }

    private static boolean isDecimal(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !text.isEmpty();
    }

    /** Reads a line's space-separated fields in order, remembering where each one started for error messages. */
    private static final class Fields {
        private final String line;
        private final String fileName;
        private final int lineNumber;
        private int position;
        private int lastStart;
        private String last = "";

        Fields(String line, String fileName, int lineNumber) {
            this.line = line;
            this.fileName = fileName;
            this.lineNumber = lineNumber;
        }

        String next(String expected) {
            while (position < line.length() && line.charAt(position) == ' ') {
                position++;
            }
            lastStart = position;
            if (position >= line.length()) {
                last = "";
                throw new WordNetFormatException(fileName, lineNumber, position + 1, expected, "the end of the line");
            }
            int end = line.indexOf(' ', position);
            end = end < 0 ? line.length() : end;
            last = line.substring(position, end);
            position = end;
            return last;
        }

        boolean peekIs(String token) {
            int start = position;
            while (start < line.length() && line.charAt(start) == ' ') {
                start++;
            }
            return line.startsWith(token + " ", start) || line.substring(start).equals(token);
        }

        void expect(String token, String expected) {
            if (!next(expected).equals(token)) {
                throw errorAtLast(expected);
            }
        }

        long decimal(String expected) {
            String field = next(expected);
            if (!isDecimal(field) || field.length() > 18) {
                throw errorAtLast(expected);
            }
            return Long.parseLong(field);
        }

        long hexadecimal(String expected) {
            String field = next(expected);
            if (!isHexadecimal(field) || field.length() > 15) {
                throw errorAtLast(expected);
            }
            return Long.parseLong(field, 16);
        }

        /** Everything after the current field, without the one separating space. */
        String rest() {
            return position < line.length() ? line.substring(position + 1) : "";
        }

        WordNetFormatException errorAtLast(String expected) {
            return new WordNetFormatException(fileName, lineNumber, lastStart + 1, expected, "'" + last + "'");
        }
    }
}
