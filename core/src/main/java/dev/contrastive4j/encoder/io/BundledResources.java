package dev.contrastive4j.encoder.io;

import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalInt;

/** Reads a BERT model that a Maven artifact bundles as class path resources: an ONNX file and a tokenizer.json. */
final class BundledResources {

    private BundledResources() {
    }

    /** Reads the ONNX resource and imports its weights, reading the number of heads from the graph. */
    static BertWeights importOnnx(String resource, String artifact) {
        try (InputStream in = open(resource, artifact)) {
            return OnnxBertImporter.importModel(OnnxReader.read(in, "classpath:" + resource), OptionalInt.empty());
        } catch (IOException e) {
            throw new ContrastiveException("cannot read class path resource " + resource + ": " + e, e);
        }
    }

    /** Opens a resource; the caller closes the stream. */
    static InputStream open(String resource, String artifact) {
        InputStream in = BundledResources.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new ContrastiveException("class path resource '" + resource + "' not found: add the Maven "
                    + "artifact " + artifact + " to the class path");
        }
        return in;
    }
}
