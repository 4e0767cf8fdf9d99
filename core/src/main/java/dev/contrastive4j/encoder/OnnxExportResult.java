package dev.contrastive4j.encoder;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link OnnxExport#run()} wrote.
 *
 * @param folder the export folder
 * @param files the files in it, relative to it, sorted ({@code model.onnx}, {@code tokenizer.json}, …)
 * @param opset the ONNX operator set of {@code model.onnx}
 * @param layers transformer layers
 * @param hiddenSize width of {@code last_hidden_state}
 * @param dimension width of {@code sentence_embedding}
 * @param pooling the pooling modes, e.g. {@code [MEAN]}
 * @param normalized whether {@code sentence_embedding} has unit length
 */
public record OnnxExportResult(Path folder, List<String> files, int opset, int layers, int hiddenSize, int dimension,
        List<String> pooling, boolean normalized) {

    public OnnxExportResult {
        files = List.copyOf(files);
        pooling = List.copyOf(pooling);
    }
}
