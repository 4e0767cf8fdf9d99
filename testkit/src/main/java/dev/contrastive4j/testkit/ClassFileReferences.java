package dev.contrastive4j.testkit;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The classes that compiled code refers to, read from the class files' constant pools (JVMS §4.4): every class
 * entry and every type named in a field, method, generic signature or annotation descriptor. What the compiler
 * inlined (constant values) and what only Javadoc mentions leave no trace, exactly as at run time.
 */
public final class ClassFileReferences {

    private static final int MAGIC = 0xCAFEBABE;
    private static final Pattern DESCRIBED_TYPE = Pattern.compile("L([\\w/$]+)[;<]");

    private ClassFileReferences() {
    }

    /**
     * The references of every class file in a folder of compiled classes or in a jar.
     *
     * @param classesOrJar {@code target/classes} or a {@code .jar}
     * @return for each class file (by its path inside the folder or jar), the internal names
     *     ({@code dev/contrastive4j/spi/Batch}) of the classes it refers to, sorted
     * @throws IllegalArgumentException if the folder or jar holds no class file or a file is not a class file
     */
    public static Map<String, Set<String>> of(Path classesOrJar) {
        if (Files.isRegularFile(classesOrJar)) {
            try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + classesOrJar.toUri()), Map.of())) {
                return ofTree(jar.getPath("/"), classesOrJar);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + classesOrJar, e);
            }
        }
        return ofTree(classesOrJar, classesOrJar);
    }

    private static Map<String, Set<String>> ofTree(Path root, Path shownAs) {
        Map<String, Set<String>> references = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString();
                references.put(name, referencesOf(Files.readAllBytes(file), shownAs + "!" + name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + shownAs, e);
        }
        if (references.isEmpty()) {
            throw new IllegalArgumentException(shownAs + " holds no class file: compile the plugin first");
        }
        return references;
    }

    /**
     * The classes one class file refers to.
     *
     * @param classFile the bytes of a {@code .class} file
     * @param where the file's name, for the error message
     * @return internal names, sorted
     * @throws IllegalArgumentException if the bytes are not a class file
     */
    public static Set<String> referencesOf(byte[] classFile, String where) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException(where + ": not a class file (no 0xCAFEBABE)");
            }
            in.readUnsignedShort(); // minor version
            in.readUnsignedShort(); // major version
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            Set<Integer> classNames = new HashSet<>();
            Set<Integer> stringLiterals = new HashSet<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF(); // the class file's modified UTF-8 is DataInput's
                    case 7 -> classNames.add(in.readUnsignedShort());
                    case 8 -> stringLiterals.add(in.readUnsignedShort());
                    case 16, 19, 20 -> in.readUnsignedShort(); // method type, module, package
                    case 15 -> in.skipNBytes(3); // method handle
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt(); // int, float, member refs, name and type, dynamic
                    case 5, 6 -> {
                        in.readLong(); // long and double take two entries
                        i++;
                    }
                    default -> throw new IllegalArgumentException(where + ": unknown constant pool tag " + tag
                            + " at entry " + i);
                }
            }
            Set<String> references = new TreeSet<>();
            for (int i = 1; i < count; i++) {
                if (utf8[i] == null || stringLiterals.contains(i)) {
                    continue;
                }
                if (classNames.contains(i) && !utf8[i].startsWith("[")) {
                    references.add(utf8[i]);
                }
                Matcher described = DESCRIBED_TYPE.matcher(utf8[i]);
                while (described.find()) {
                    references.add(described.group(1));
                }
            }
            return references;
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": truncated class file", e);
        }
    }
}
