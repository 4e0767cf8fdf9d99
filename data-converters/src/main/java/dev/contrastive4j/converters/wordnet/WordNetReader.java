package dev.contrastive4j.converters.wordnet;

import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the four data files of a {@link WordNetSource} into a {@link WordNetDatabase}. */
public final class WordNetReader {

    private static final Logger LOG = LoggerFactory.getLogger(WordNetReader.class);

    /** A license header line: two spaces, the header's own line number, one space, the text. */
    private static final Pattern NUMBERED_HEADER_LINE = Pattern.compile("^ +\\d+ ?(.*)$");

    private final WordNetDataParser parser = new WordNetDataParser();

    /**
     * Reads {@code data.noun}, {@code data.verb}, {@code data.adj} and {@code data.adv}. The license is
     * taken from the header of {@code data.noun} (every data file carries the same one).
     *
     * @throws WordNetFormatException when a line is malformed or not UTF-8, naming the file and line
     * @throws ContrastiveException when a file is missing or unreadable
     */
    public WordNetDatabase read(WordNetSource source) {
        List<Synset> synsets = new ArrayList<>();
        List<String> license = null;
        for (PartOfSpeech pos : PartOfSpeech.values()) {
            List<String> header = new ArrayList<>();
            int before = synsets.size();
            readDataFile(source, pos.dataFileName(), header, synsets);
            LOG.debug("{}: {} synsets", pos.dataFileName(), synsets.size() - before);
            if (license == null) {
                license = header;
            }
        }
        LOG.info("Read {} synsets from {}", synsets.size(), source.description());
        return new WordNetDatabase(license, synsets);
    }

    private void readDataFile(WordNetSource source, String fileName, List<String> header, List<Synset> synsets) {
        int lineNumber = 0;
        try (InputStream in = source.open(fileName);
                Utf8LineReader reader = new Utf8LineReader(in)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (WordNetDataParser.isLicenseLine(line)) {
                    header.add(licenseText(line));
                } else if (!line.isBlank()) {
                    synsets.add(parser.parse(line, fileName, lineNumber));
                }
            }
        } catch (CharacterCodingException e) {
            throw new WordNetFormatException(fileName + " line " + (lineNumber + 1)
                    + ": expected UTF-8 text, found a malformed byte sequence", e);
        } catch (IOException e) {
            throw new ContrastiveException("could not read " + fileName + " from " + source.description() + ": "
                    + e.getMessage(), e);
        }
    }

    /** {@code "  14 WordNet 3.1 Copyright 2011 ...  "} becomes {@code "WordNet 3.1 Copyright 2011 ..."}. */
    static String licenseText(String headerLine) {
        Matcher numbered = NUMBERED_HEADER_LINE.matcher(headerLine);
        String text = numbered.matches() ? numbered.group(1) : headerLine.strip();
        return text.stripTrailing();
    }
}
