package dev.contrastive4j.plugin;

/**
 * No installed plugin provides the loss, converter or dataset of this name. The kind and name are kept apart
 * from the message so that a front end can add advice, such as which bundled module provides the name.
 */
public final class UnknownPluginException extends PluginException {

    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String name;

    /**
     * @param kind what was looked up: {@code loss}, {@code converter} or {@code dataset}
     * @param name the name as the user typed it
     * @param message the one-line message, listing what is installed
     */
    public UnknownPluginException(String kind, String name, String message) {
        super(message);
        this.kind = kind;
        this.name = name;
    }

    /** What was looked up: {@code loss}, {@code converter} or {@code dataset}. */
    public String kind() {
        return kind;
    }

    /** The name as the user typed it. */
    public String name() {
        return name;
    }
}
