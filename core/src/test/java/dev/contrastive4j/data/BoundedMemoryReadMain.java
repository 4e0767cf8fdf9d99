package dev.contrastive4j.data;

import dev.contrastive4j.spi.Example;
import java.nio.file.Path;

/**
 * Run in a child JVM with a small heap by {@link StreamingReadMemoryTest}: reads a generated file of triplets
 * either streaming ({@code stream}) or whole ({@code load}), checks every row against the generator's
 * pattern, and prints the number of rows read. Exits 3 when a row is not what was written.
 */
public final class BoundedMemoryReadMain {

    private BoundedMemoryReadMain() {
    }

    public static void main(String[] args) {
        String mode = args[0];
        Path file = Path.of(args[1]);
        long rows = 0;
        if (mode.equals("stream")) {
            try (ExampleReader reader = ExampleReader.open(file)) {
                while (reader.hasNext()) {
                    check(reader.next(), rows++);
                }
            }
        } else {
            for (Example example : Datasets.readAll(file, ReadOptions.defaults())) {
                check(example, rows++);
            }
        }
        System.out.println("rows=" + rows);
    }

    private static void check(Example example, long index) {
        if (!example.equals(StreamingReadMemoryTest.row(index))) {
            System.out.println("row " + index + " differs: " + example);
            System.exit(3);
        }
    }
}
