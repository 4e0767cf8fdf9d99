package dev.contrastive4j.eval;

import java.util.Objects;

/**
 * One document of a retrieval corpus.
 *
 * @param id the document's id, unique within its corpus
 * @param title the title, {@code ""} when there is none
 * @param text the body text
 */
public record CorpusDocument(String id, String title, String text) {

    public CorpusDocument {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("a corpus document needs a non-empty id");
        }
        title = title == null ? "" : title;
        Objects.requireNonNull(text, "text");
    }

    /** A document without a title. */
    public CorpusDocument(String id, String text) {
        this(id, "", text);
    }

    /**
     * The text that gets embedded: the body alone when there is no title, otherwise
     * {@code (title + " " + text).strip()}, the join BEIR's sentence-transformers wrapper and
     * sentence-transformers' own BEIR examples use (the strip drops the space when the body is empty).
     */
    public String searchText() {
        return title.isBlank() ? text : (title + " " + text).strip();
    }
}
