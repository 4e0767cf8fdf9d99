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

    public ContrastiveException(String message) {
        super(message);
    }

    public ContrastiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
