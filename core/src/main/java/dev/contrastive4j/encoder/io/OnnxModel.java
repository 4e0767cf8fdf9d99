package dev.contrastive4j.encoder.io;

import java.util.Objects;

/**
 * An ONNX model as read by {@link OnnxReader}: the fields of {@code ModelProto} this project uses.
 *
 * @param source the file or resource it was read from (for messages)
 * @param irVersion the ONNX IR version
 * @param producerName the exporting framework, e.g. {@code "pytorch"}
 * @param producerVersion its version
 * @param graph the main graph
 */
public record OnnxModel(String source, long irVersion, String producerName, String producerVersion,
                        OnnxGraph graph) {

    public OnnxModel {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(producerName, "producerName");
        Objects.requireNonNull(producerVersion, "producerVersion");
        Objects.requireNonNull(graph, "graph");
    }
}
