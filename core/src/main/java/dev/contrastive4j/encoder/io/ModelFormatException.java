package dev.contrastive4j.encoder.io;

import dev.contrastive4j.spi.ContrastiveException;

/**
 * A model or weights file whose content is not what its format promises: truncated, corrupted, inconsistent,
 * or valid but not the kind of model we expected (e.g. an ONNX graph that is not a BERT encoder).
 *
 * <p>The message is one line naming the file, the element at fault (tensor, field, node) and the problem.
 * I/O failures (a missing file, a permission error) are plain {@link ContrastiveException}s instead.
 */
public class ModelFormatException extends ContrastiveException {

    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
