package dev.contrastive4j.data;

/** Small text helpers for error messages. */
final class Texts {

    private static final int EXCERPT_CHARS = 40;

    private Texts() {
    }

    /** The text, cut to a few dozen characters and with line breaks and tabs made visible. */
    static String excerpt(String text) {
        String shown = text.length() > EXCERPT_CHARS ? text.substring(0, EXCERPT_CHARS) + "…" : text;
        return shown.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }
}
