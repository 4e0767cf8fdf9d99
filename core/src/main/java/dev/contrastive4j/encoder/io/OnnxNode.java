package dev.contrastive4j.encoder.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One operator application in an ONNX graph.
 *
 * @param name the node's name, possibly empty
 * @param opType the operator, e.g. {@code "MatMul"}
 * @param domain the operator set domain, empty for the default ONNX domain
 * @param inputs names of the values it consumes, in operator order (an empty name marks an omitted input)
 * @param outputs names of the values it produces
 * @param attributes attributes by name, in file order
 */
public record OnnxNode(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                       Map<String, OnnxAttribute> attributes) {

    public OnnxNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(opType, "opType");
        Objects.requireNonNull(domain, "domain");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public Optional<OnnxAttribute> attribute(String attributeName) {
        return Optional.ofNullable(attributes.get(attributeName));
    }

    /** A short description for error messages: op type, name and outputs. */
    public String describe() {
        return opType + (name.isEmpty() ? "" : " '" + name + "'") + " -> " + outputs;
    }
}
