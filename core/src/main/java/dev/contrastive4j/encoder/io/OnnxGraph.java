package dev.contrastive4j.encoder.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The main graph of an ONNX model.
 *
 * @param name the graph's name
 * @param nodes the nodes, in file order (topologically sorted in a valid model)
 * @param initializers the constant tensors by name, in file order
 * @param inputs names of the graph inputs
 * @param outputs names of the graph outputs
 */
public record OnnxGraph(String name, List<OnnxNode> nodes, Map<String, OnnxTensor> initializers,
                        List<String> inputs, List<String> outputs) {

    public OnnxGraph {
        Objects.requireNonNull(name, "name");
        nodes = List.copyOf(nodes);
        initializers = Collections.unmodifiableMap(new LinkedHashMap<>(initializers));
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
