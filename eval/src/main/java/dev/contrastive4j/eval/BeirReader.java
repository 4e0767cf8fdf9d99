package dev.contrastive4j.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive4j.data.JsonProblems;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a retrieval data set in the BEIR layout.
 *
 * <ul>
 *   <li>{@code corpus.jsonl}: one JSON object per line with the id in {@code _id} (or {@code id}), an
 *       optional {@code title} and the {@code text};</li>
 *   <li>{@code queries.jsonl}: {@code _id} (or {@code id}) and {@code text};</li>
 *   <li>qrels, e.g. {@code qrels/test.tsv}: tab-separated {@code query-id}, {@code corpus-id},
 *       {@code score}, with an optional header line naming exactly those three columns. A score above 0
 *       makes the document relevant; 0 or less is ignored.</li>
 * </ul>
 * Any file may be gzip-compressed (recognised by its content, whatever its name). Ids may be JSON strings
 * or integers. Blank lines are skipped. Anything else that does not fit is a {@link ContrastiveException}
 * naming the file, the line and the field.
 *
 * <p>As in BEIR and sentence-transformers, judgements for queries missing from the queries file are
 * ignored, and judgements naming documents missing from the corpus are kept (those documents count as
 * relevant but can never be retrieved); both are logged. A corpus document's embedded text joins title
 * and body as {@link CorpusDocument#searchText()} says.
 */
public final class BeirReader {

    private static final Logger LOG = LoggerFactory.getLogger(BeirReader.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> QRELS_HEADER = List.of("query-id", "corpus-id", "score");

    private BeirReader() {
    }

    /**
     * Reads {@code corpus.jsonl}, {@code queries.jsonl} and {@code qrels/<split>.tsv} from a BEIR folder,
     * each possibly with a {@code .gz} suffix.
     *
     * @throws ContrastiveException if a file is missing or malformed
     */
    public static RetrievalDataset readFolder(Path folder, String split) {
        return read(locate(folder, "corpus.jsonl"), locate(folder, "queries.jsonl"),
                locate(folder.resolve("qrels"), split + ".tsv"));
    }

    /**
     * Reads the three files of a BEIR data set.
     *
     * @throws ContrastiveException if a file is missing or malformed
     */
    public static RetrievalDataset read(Path corpusFile, Path queriesFile, Path qrelsFile) {
        List<CorpusDocument> corpus = readCorpus(corpusFile);
        Map<String, String> queries = readQueries(queriesFile);
        Map<String, Set<String>> judged = readQrels(qrelsFile);

        Set<String> corpusIds = new HashSet<>();
        corpus.forEach(document -> corpusIds.add(document.id()));
        Map<String, Set<String>> relevant = new LinkedHashMap<>();
        int unknownQueries = 0;
        int unknownDocuments = 0;
        for (Map.Entry<String, Set<String>> entry : judged.entrySet()) {
            if (!queries.containsKey(entry.getKey())) {
                unknownQueries++;
                continue;
            }
            for (String document : entry.getValue()) {
                if (!corpusIds.contains(document)) {
                    unknownDocuments++;
                }
            }
            relevant.put(entry.getKey(), entry.getValue());
        }
        if (unknownQueries > 0) {
            LOG.info("{}: ignored judgements for {} queries that {} does not contain", qrelsFile, unknownQueries,
                    queriesFile);
        }
        if (unknownDocuments > 0) {
            LOG.warn("{}: {} relevant documents are missing from {}; they count as relevant but cannot be retrieved",
                    qrelsFile, unknownDocuments, corpusFile);
        }
        return new RetrievalDataset(queries, corpus, relevant);
    }

    /** Reads a BEIR corpus file, keeping file order. */
    public static List<CorpusDocument> readCorpus(Path file) {
        List<CorpusDocument> corpus = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        forEachJsonObject(file, (object, line) -> {
            String id = readId(object, file, line);
            Integer earlier = firstLine.putIfAbsent(id, line);
            if (earlier != null) {
                throw error(file, line, idField(object), "expected a unique id, found '" + id
                        + "' again (first on line " + earlier + ")");
            }
            String title = readOptionalString(object, "title", file, line);
            corpus.add(new CorpusDocument(id, title, readString(object, "text", file, line)));
        });
        return corpus;
    }

    /** Reads a BEIR queries file: id to text, in file order. */
    public static Map<String, String> readQueries(Path file) {
        Map<String, String> queries = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        forEachJsonObject(file, (object, line) -> {
            String id = readId(object, file, line);
            Integer earlier = firstLine.putIfAbsent(id, line);
            if (earlier != null) {
                throw error(file, line, idField(object), "expected a unique id, found '" + id
                        + "' again (first on line " + earlier + ")");
            }
            queries.put(id, readString(object, "text", file, line));
        });
        return queries;
    }

    /** Reads a BEIR qrels file: query id to the ids of the documents scored above 0, in file order. */
    public static Map<String, Set<String>> readQrels(Path file) {
        Map<String, Set<String>> relevant = new LinkedHashMap<>();
        forEachLine(file, (text, line) -> {
            String[] fields = text.split("\t", -1);
            if (line == 1 && isHeader(fields)) {
                return;
            }
            if (fields.length != 3) {
                throw error(file, line, null, "expected 3 tab-separated fields (query-id, corpus-id, score), found "
                        + fields.length);
            }
            String queryId = requireId(fields[0].strip(), file, line, "query-id");
            String corpusId = requireId(fields[1].strip(), file, line, "corpus-id");
            double score = parseScore(fields[2].strip(), file, line);
            if (score > 0) {
                relevant.computeIfAbsent(queryId, id -> new LinkedHashSet<>()).add(corpusId);
            }
        });
        return relevant;
    }

    private static boolean isHeader(String[] fields) {
        if (fields.length != QRELS_HEADER.size()) {
            return false;
        }
        for (int i = 0; i < fields.length; i++) {
            if (!fields[i].strip().toLowerCase(Locale.ROOT).equals(QRELS_HEADER.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static double parseScore(String text, Path file, int line) {
        try {
            double score = Double.parseDouble(text);
            if (Double.isFinite(score)) {
                return score;
            }
        } catch (NumberFormatException e) {
            // reported below, with the location
        }
        String hint = line == 1 ? " (a header line must read query-id, corpus-id, score)" : "";
        throw error(file, line, "score", "expected a number, found '" + text + "'" + hint);
    }

    private static String requireId(String id, Path file, int line, String field) {
        if (id.isEmpty()) {
            throw error(file, line, field, "expected an id, found an empty field");
        }
        return id;
    }

    private static String idField(JsonNode object) {
        return object.has("_id") ? "_id" : "id";
    }

    private static String readId(JsonNode object, Path file, int line) {
        String field = idField(object);
        JsonNode id = object.get(field);
        if (id == null) {
            throw error(file, line, "_id", "expected an id in '_id' (or 'id'), found neither field");
        }
        if (id.isTextual() && !id.textValue().isEmpty()) {
            return id.textValue();
        }
        if (id.isIntegralNumber()) {
            return id.asText();
        }
        throw error(file, line, field, "expected a non-empty string or an integer, found " + describe(id));
    }

    private static String readString(JsonNode object, String field, Path file, int line) {
        JsonNode value = object.get(field);
        if (value == null || !value.isTextual()) {
            throw error(file, line, field, "expected a string, found " + describe(value));
        }
        return value.textValue();
    }

    private static String readOptionalString(JsonNode object, String field, Path file, int line) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw error(file, line, field, "expected a string or null, found " + describe(value));
        }
        return value.textValue();
    }

    private static String describe(JsonNode value) {
        if (value == null) {
            return "no such field";
        }
        String shown = value.toString();
        shown = shown.length() <= 40 ? shown : shown.substring(0, 37) + "...";
        return value.getNodeType().name().toLowerCase(Locale.ROOT) + " " + shown;
    }

    private interface JsonLineHandler {
        void accept(JsonNode object, int line);
    }

    private interface TextLineHandler {
        void accept(String text, int line);
    }

    private static void forEachJsonObject(Path file, JsonLineHandler handler) {
        forEachLine(file, (text, line) -> {
            JsonNode object;
            try {
                object = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw error(file, line, null, "expected a JSON object, found invalid JSON ("
                        + JsonProblems.describe(e) + ")");
            }
            if (object == null || !object.isObject()) {
                throw error(file, line, null, "expected a JSON object, found " + describe(object));
            }
            handler.accept(object, line);
        });
    }

    /** Calls the handler for each non-blank line, numbered from 1 (blank lines keep their numbers). */
    private static void forEachLine(Path file, TextLineHandler handler) {
        int line = 0;
        try (BufferedReader reader = open(file)) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                line++;
                if (!text.isBlank()) {
                    handler.accept(text, line);
                }
            }
        } catch (NoSuchFileException e) {
            throw new ContrastiveException(file + ": expected a file, found none");
        } catch (IOException e) {
            throw new ContrastiveException(file + " line " + (line + 1) + ": could not read (" + e.getMessage() + ")", e);
        }
    }

    /** Opens a UTF-8 text file, decompressing it when its first two bytes are the gzip magic number. */
    private static BufferedReader open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        try {
            in.mark(2);
            int first = in.read();
            int second = in.read();
            in.reset();
            if (first == 0x1f && second == 0x8b) {
                in = new GZIPInputStream(in);
            }
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static Path locate(Path folder, String name) {
        Path plain = folder.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gzipped = folder.resolve(name + ".gz");
        if (Files.isRegularFile(gzipped)) {
            return gzipped;
        }
        throw new ContrastiveException(folder + ": expected " + name + " or " + name + ".gz, found neither");
    }

    private static ContrastiveException error(Path file, int line, String field, String message) {
        return new ContrastiveException(file + " line " + line + (field == null ? "" : ", field '" + field + "'")
                + ": " + message);
    }
}
