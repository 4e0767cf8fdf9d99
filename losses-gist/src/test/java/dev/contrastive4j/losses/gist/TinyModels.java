package dev.contrastive4j.losses.gist;

import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.Loss;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.ParameterSpec;
import dev.contrastive4j.spi.ParameterValues;
import dev.contrastive4j.spi.Triplet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fixtures: triplets in the tiny vocabulary, losses of the plugin by name and values. */
final class TinyModels {

    /** Six triplets in the tiny BERT's vocabulary; no text repeats. */
    static final List<Triplet> ROWS = List.of(
            new Triplet("the cat sat on the mat", "a cat sat", "the dog ran"),
            new Triplet("a big dog ran", "the dog ran fast", "a red mat"),
            new Triplet("the red cat", "a cat is red", "the big mat"),
            new Triplet("a dog sat on a mat", "the dog sat", "a cat ran"),
            new Triplet("the big red dog", "a big dog", "the small cat"),
            new Triplet("a cat ran on the mat", "the cat ran", "a big red dog sat"));

    private TinyModels() {
    }

    /** A loss of the gist plugin, with the given values on top of the defaults (parsed as a user would write them). */
    static Loss create(PluginRegistry registry, String name, Map<String, String> values) {
        LossDescriptor descriptor = registry.loss(name).descriptor();
        Map<String, Object> parsed = new LinkedHashMap<>();
        values.forEach((key, raw) -> {
            ParameterSpec spec = descriptor.parameter(key).orElseThrow();
            parsed.put(key, spec.parse(raw));
        });
        return registry.loss(name).factory().create(ParameterValues.of(descriptor.parameters(), parsed));
    }
}
