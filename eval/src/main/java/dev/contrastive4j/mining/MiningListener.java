package dev.contrastive4j.mining;

/** Told how far a mining run has got; every method may be called often, so keep them cheap. */
public interface MiningListener {

    /** A listener that ignores everything. */
    MiningListener NONE = new MiningListener() {
    };

    /** {@code done} of {@code total} distinct corpus documents are embedded. */
    default void corpusEmbedded(int done, int total) {
    }

    /** Negatives are chosen for {@code done} of {@code total} distinct anchors. */
    default void anchorsMined(int done, int total) {
    }
}
