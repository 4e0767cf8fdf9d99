package dev.contrastive4j.cli;

import dev.contrastive4j.encoder.OnnxExport;
import dev.contrastive4j.encoder.OnnxExportResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code c4j export --model NAME|DIR --format onnx --output DIR}: writes a model as a standard BERT ONNX graph with
 * its {@code tokenizer.json} (see {@link OnnxExport}), for ONNX Runtime and LangChain4j's {@code OnnxEmbeddingModel}.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Export a model for other runtimes, e.g.:",
            "  c4j export --model runs/x/final --format onnx --output my-model-onnx",
            "  c4j export --model bge-small --output bge-small-onnx",
            "",
            "onnx: model.onnx (inputs input_ids, attention_mask, token_type_ids; outputs last_hidden_state and"
                    + " sentence_embedding, pooled and normalised as the model does) and tokenizer.json, with the"
                    + " model's configuration files beside them; see docs/export.md.",
            ""})
final class ExportCommand implements Callable<Integer> {

    /** The formats this command writes. */
    static final List<String> FORMATS = List.of("onnx");

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "NAME|DIR",
            description = "'minilm', 'bge-small', a model folder (e.g. runs/x/final) or an .onnx file.")
    String model;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "onnx",
            description = "What to write: onnx (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "The folder to create: a new name or an empty folder.")
    Path output;

    @Override
    public Integer call() {
        if (!FORMATS.contains(format.toLowerCase(Locale.ROOT))) {
            throw new ParameterException(spec.commandLine(), "unknown --format '" + format + "': the formats are "
                    + String.join(", ", FORMATS));
        }
        OnnxExportResult result = OnnxExport.builder().model(model).output(output).build().run();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Exported %s to %s: %s (ONNX opset %d, %d layers, hidden size %d; sentence_embedding"
                        + " %d wide, %s pooling%s) and %d more files%n", model, result.folder(), OnnxExport.MODEL_FILE,
                result.opset(), result.layers(), result.hiddenSize(), result.dimension(),
                String.join("+", result.pooling()), result.normalized() ? ", normalised" : "",
                result.files().size() - 1);
        if (result.normalized() && result.pooling().size() == 1
                && List.of("MEAN", "CLS").contains(result.pooling().get(0))) {
            out.printf(Locale.ROOT, "LangChain4j: new OnnxEmbeddingModel(\"%s\", \"%s\", PoolingMode.%s)%n",
                    result.folder().resolve(OnnxExport.MODEL_FILE), result.folder().resolve("tokenizer.json"),
                    result.pooling().get(0));
        }
        out.flush();
        return 0;
    }
}
