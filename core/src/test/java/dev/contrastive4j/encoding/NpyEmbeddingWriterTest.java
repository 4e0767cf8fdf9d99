package dev.contrastive4j.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NpyEmbeddingWriterTest {

    @Test
    void npyHeaderIsTheOneNumpySaveWrites() {
        // numpy 2.4: np.save(f, np.zeros((3, 384), np.float32)) writes a 118-byte header: the dictionary, then
        // spaces up to column 117 (room for 21 digits of rows, and 64-byte alignment), then a newline.
        String dictionary = "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 384), }";
        byte[] header = NpyEmbeddingWriter.header(3, 384);

        assertThat(header).hasSize(128);
        assertThat(new String(header, 10, 118, StandardCharsets.ISO_8859_1))
                .isEqualTo(dictionary + " ".repeat(117 - dictionary.length()) + "\n");
        assertThat(header[8]).isEqualTo((byte) 118);
        assertThat(header[9]).isZero();
    }
}
