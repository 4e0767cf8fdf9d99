package dev.contrastive4j.spi;

/**
 * An error caused by what the user gave us (a data file, a model folder, a loss expression, an argument),
 * as opposed to a bug. Its message is one line that says what was expected, what was found, and where;
 * the command line prints it without a stack trace and exits with code 2.
 *
 * <p>Plugins throw it (or a subclass) for bad parameters or unusable input.
 */
public class ContrastiveException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An error with a one-line message.
     *
     * @param message what was expected, what was found, and where
     */
    public ContrastiveException(String message) {
        super(message);
    }

    /**
     * An error with a one-line message and the error that caused it.
     *
     * @param message what was expected, what was found, and where
     * @param cause the underlying error, kept for {@code --verbose} stack traces
     */
    public ContrastiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
