package dev.contrastive4j.encoder.io;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A node attribute from an ONNX graph. Only the value kinds this project reads are kept: an integer, a
 * float, a string, a list of integers, a tensor. Graph-valued and other list-valued attributes are skipped.
 *
 * @param name the attribute name, e.g. {@code "perm"}, {@code "value"}
 * @param intValue {@code i}, if present
 * @param floatValue {@code f}, if present
 * @param stringValue {@code s} decoded as UTF-8, if present
 * @param ints {@code ints}, empty if absent
 * @param tensor {@code t}, if present
 */
public record OnnxAttribute(String name, OptionalLong intValue, Optional<Float> floatValue,
                            Optional<String> stringValue, List<Long> ints, Optional<OnnxTensor> tensor) {

    public OnnxAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(intValue, "intValue");
        Objects.requireNonNull(floatValue, "floatValue");
        Objects.requireNonNull(stringValue, "stringValue");
        ints = List.copyOf(ints);
        Objects.requireNonNull(tensor, "tensor");
    }
}
