package dev.contrastive4j.plugin;

import dev.contrastive4j.spi.ContrastiveException;

/** A plugin could not be found, loaded or told apart from another one. */
public class PluginException extends ContrastiveException {

    private static final long serialVersionUID = 1L;

    public PluginException(String message) {
        super(message);
    }

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
