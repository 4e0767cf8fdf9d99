package dev.contrastive4j.bench;

import dev.contrastive4j.encoder.SentenceEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Real texts joined into long ones, for benchmarks at a given token length: real sentences are often far
 * shorter than the model's limit (WordNet's are about a dozen tokens), while training and retrieval data hold
 * passages of hundreds. Each long text is the next unused parts joined by spaces until its token count reaches
 * the encoder's limit, so no part is used twice and the texts stay distinct.
 */
final class LongTexts {

    private LongTexts() {
    }

    /**
     * Joins {@code parts}, in order, into {@code count} texts of at least {@code encoder}'s token limit each
     * (truncated to it when embedded).
     *
     * @param tooFew the error to throw when the parts run out
     */
    static <E extends RuntimeException> List<String> join(List<String> parts, int count, SentenceEncoder encoder,
            Supplier<E> tooFew) {
        int limit = encoder.settings().maxSeqLength();
        List<String> texts = new ArrayList<>(count);
        int next = 0;
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            // Word-piece tokens of a concatenation are the parts' tokens; [CLS] and [SEP] come once.
            int length = 2;
            while (length < limit) {
                if (next == parts.size()) {
                    throw tooFew.get();
                }
                String part = parts.get(next++);
                text.append(text.isEmpty() ? "" : " ").append(part);
                length += encoder.tokenize(List.of(part)).get(0).length - 2;
            }
            texts.add(text.toString());
        }
        return texts;
    }
}
