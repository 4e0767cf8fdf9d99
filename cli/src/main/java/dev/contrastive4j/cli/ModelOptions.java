package dev.contrastive4j.cli;

import dev.contrastive4j.encoder.EncoderLoader;
import java.util.OptionalInt;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every command that runs a model shares, with one meaning and one default everywhere:
 * {@code --model} and {@code --max-seq-length} ({@code train}, {@code evaluate}, {@code encode}, {@code mine},
 * {@code compare}). Values the user did not give stay unset, so that {@code compare} can let its configuration file
 * fill them before the default applies.
 */
final class ModelOptions {

    @Option(names = "--model", paramLabel = "NAME|PATH", description = "The model: 'minilm' (the bundled"
            + " all-MiniLM-L6-v2), 'bge-small' (the bundled bge-small-en-v1.5), a sentence-transformers model folder"
            + " or an .onnx file (default: minilm).")
    String model;

    Integer maxSeqLength;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--max-seq-length", paramLabel = "N", description = "Tokens per text, [CLS] and [SEP] included"
            + " (default: the model's own limit).")
    void maxSeqLength(int value) {
        if (value < 2) {
            throw new ParameterException(command.commandLine(), "--max-seq-length must be at least 2 (room for [CLS]"
                    + " and [SEP]), found " + value);
        }
        maxSeqLength = value;
    }

    /** The model given, else the default, {@value EncoderLoader#MINILM}. */
    String model() {
        return model != null ? model : EncoderLoader.MINILM;
    }

    /** The token limit given, else none (the model's own). */
    OptionalInt maxSeqLength() {
        return maxSeqLength == null ? OptionalInt.empty() : OptionalInt.of(maxSeqLength);
    }
}
