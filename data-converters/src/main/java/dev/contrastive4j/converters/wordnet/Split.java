package dev.contrastive4j.converters.wordnet;

/** The three parts of the dataset, each written to its own file. */
public enum Split {
    TRAIN("train"),
    DEV("dev"),
    TEST("test");

    private final String fileStem;

    Split(String fileStem) {
        this.fileStem = fileStem;
    }

    /** The name used in file names, e.g. {@code train} for {@code train.jsonl.gz}. */
    public String fileStem() {
        return fileStem;
    }
}
