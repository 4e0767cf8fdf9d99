package dev.contrastive4j.cli;

import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.engine.ComputeDevice;
import dev.contrastive4j.prompts.ColumnPrompts;
import dev.contrastive4j.prompts.Prompts;
import dev.contrastive4j.spi.ContrastiveException;
import java.util.OptionalInt;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every command that runs a model shares, with one meaning and one default everywhere:
 * {@code --model}, {@code --max-seq-length}, {@code --prompts} and {@code --device} ({@code train}, {@code evaluate},
 * {@code encode}, {@code mine}, {@code compare}). Values the user did not give stay unset, so that {@code compare} can let its configuration file
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
        try {
            maxSeqLength = EncoderLoader.tokenLimit(value).getAsInt();
        } catch (ContrastiveException e) {
            throw new ParameterException(command.commandLine(), e.getMessage()); // a usage error: exit 2 with help
        }
    }

    Prompts prompts;

    @Option(names = "--prompts", paramLabel = "PROMPTS", description = "Text put in front of each column's texts"
            + " before tokenising: one prompt for every text ('query: '), or role=prompt entries for anchor, positive,"
            + " negative (default: the positive's), sentence1, sentence2, all ('anchor=query: ,positive=passage: ');"
            + " @NAME is the model's prompt NAME ('anchor=@query' for bge-small's query instruction). Default: none"
            + " (evaluate, encode and mine apply the model's default prompt, if it has one).")
    void prompts(String value) {
        try {
            prompts = Prompts.parse(value, "--prompts");
        } catch (ContrastiveException e) {
            throw new ParameterException(command.commandLine(), e.getMessage(), e);
        }
    }

    ComputeDevice device;

    @Option(names = "--device", paramLabel = "DEVICE", description = "Where the model runs: cpu, cuda, cuda:N (GPU N)"
            + " or auto (GPU 0 if libtorch sees one, else the CPU, with a warning). A GPU needs a CUDA build of"
            + " libtorch (see docs/cuda.md); the bundled one is CPU-only. Default: cpu.")
    void device(String value) {
        try {
            device = ComputeDevice.parse(value, "--device");
        } catch (ContrastiveException e) {
            throw new ParameterException(command.commandLine(), e.getMessage(), e);
        }
    }

    /** The device given, else the CPU. */
    ComputeDevice device() {
        return device != null ? device : ComputeDevice.CPU;
    }

    /** The model given, else the default, {@value EncoderLoader#MINILM}. */
    String model() {
        return model != null ? model : EncoderLoader.MINILM;
    }

    /** The prompts given, else none. */
    Prompts prompts() {
        return prompts != null ? prompts : Prompts.NONE;
    }

    /**
     * The prompts given, looked up in the loaded model, for inference: columns given none take the model's default
     * prompt, as sentence-transformers' {@code encode} does.
     */
    ColumnPrompts columnPrompts(SentenceEncoder encoder) {
        return prompts().resolve(encoder.settings().prompts(), true, "--prompts");
    }

    /** The token limit given, else none (the model's own). */
    OptionalInt maxSeqLength() {
        return maxSeqLength == null ? OptionalInt.empty() : OptionalInt.of(maxSeqLength);
    }
}
