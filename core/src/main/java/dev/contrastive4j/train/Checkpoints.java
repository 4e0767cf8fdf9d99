package dev.contrastive4j.train;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive4j.encoder.io.FloatTensor;
import dev.contrastive4j.encoder.io.SafetensorsReader;
import dev.contrastive4j.encoder.io.SafetensorsWriter;
import dev.contrastive4j.files.TemporaryPaths;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Checkpoints of a run under {@code <output>/checkpoints/step-NNNNNNNN/}: the trainable parameters
 * ({@code model.safetensors}), the optimizer's moments ({@code optimizer.safetensors}) and the
 * {@link TrainerState} ({@code state.json}).
 *
 * <p>A checkpoint is written into a hidden temporary folder ({@code .writing-*}) and renamed into place only
 * when complete; an old one is renamed away ({@code .deleting-*}) before it is deleted. So a process killed at
 * any moment leaves every {@code step-*} folder complete, the previous checkpoint untouched, and at most a
 * hidden folder that {@link #list()} ignores and {@link #removeLeftovers()} deletes.
 */
public final class Checkpoints {

    static final String MODEL_FILE = "model.safetensors";
    static final String OPTIMIZER_FILE = "optimizer.safetensors";
    static final String STATE_FILE = "state.json";
    private static final String PREFIX = "step-";
    private static final String WRITING_PREFIX = ".writing-";
    private static final String DELETING_PREFIX = ".deleting-";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A checkpoint on disk. */
    public record Checkpoint(Path folder, TrainerState state) {
    }

    private final Path root;
    private final int keep;

    public Checkpoints(Path outputFolder, int keep) {
        this.root = outputFolder.resolve("checkpoints");
        this.keep = keep;
    }

    /** Writes a checkpoint atomically and deletes all but the newest {@code keep}. */
    public Path save(TrainerState state, Map<String, NDArray> parameters, Map<String, NDArray> optimizerState) {
        try {
            return TemporaryPaths.writeBeforeExit(() -> write(state, parameters, optimizerState));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint under " + root + ": " + e.getMessage(), e);
        }
    }

    private Path write(TrainerState state, Map<String, NDArray> parameters, Map<String, NDArray> optimizerState)
            throws IOException {
        Files.createDirectories(root);
        Path target = root.resolve(String.format("%s%08d", PREFIX, state.step()));
        Path temporary = TemporaryPaths.createFolder(root, WRITING_PREFIX);
        // Ctrl-C or SIGTERM runs the JVM's exit hooks, which delete in reverse order: the files, then the folder
        // (marked by TemporaryPaths). A complete checkpoint has been renamed by then, and nothing of it is deleted.
        for (String file : List.of(MODEL_FILE, OPTIMIZER_FILE, STATE_FILE)) {
            temporary.resolve(file).toFile().deleteOnExit();
        }
        try {
            SafetensorsWriter.write(temporary.resolve(MODEL_FILE), toTensors(parameters));
            SafetensorsWriter.write(temporary.resolve(OPTIMIZER_FILE), toTensors(optimizerState));
            JSON.writeValue(temporary.resolve(STATE_FILE).toFile(), state);
        } catch (IOException | RuntimeException e) {
            TemporaryPaths.deleteRecursively(temporary);
            throw e;
        }
        if (Files.exists(target)) {
            discard(target);
        }
        move(temporary, target);
        prune();
        return target;
    }

    /**
     * Deletes what a process killed while writing or pruning checkpoints left behind: temporary folders
     * ({@code .writing-*}) and folders on their way out ({@code .deleting-*}). Complete checkpoints are kept.
     * Call before resuming; never while another process writes checkpoints into the same folder.
     *
     * @return the folders deleted
     */
    public List<Path> removeLeftovers() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(root)) {
            List<Path> leftovers = folders.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(WRITING_PREFIX) || name.startsWith(DELETING_PREFIX);
            }).toList();
            for (Path leftover : leftovers) {
                TemporaryPaths.deleteRecursively(leftover);
            }
            return leftovers;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up checkpoints in " + root + ": " + e.getMessage(), e);
        }
    }

    /** The newest complete checkpoint, if any. */
    public Optional<Checkpoint> latest() {
        return list().stream().max(Comparator.comparing(c -> c.state().step()));
    }

    /** Every complete checkpoint, oldest first. */
    public List<Checkpoint> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(root)) {
            return folders.filter(p -> p.getFileName().toString().startsWith(PREFIX))
                    .filter(p -> Files.isRegularFile(p.resolve(STATE_FILE)))
                    .map(p -> new Checkpoint(p, readState(p)))
                    .sorted(Comparator.comparing(c -> c.state().step()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + root + ": " + e.getMessage(), e);
        }
    }

    /** Loads a checkpoint's parameters and optimizer state as flat float arrays by name. */
    public static Map<String, float[]> readTensors(Path checkpointFolder, String file) {
        Map<String, float[]> values = new LinkedHashMap<>();
        SafetensorsReader.readFloats(checkpointFolder.resolve(file)).forEach((name, t) -> values.put(name, t.values()));
        return values;
    }

    private static TrainerState readState(Path folder) {
        try {
            return JSON.readValue(folder.resolve(STATE_FILE).toFile(), TrainerState.class);
        } catch (IOException e) {
            throw new ContrastiveException("checkpoint " + folder + " has an unreadable " + STATE_FILE + ": "
                    + e.getMessage(), e);
        }
    }

    private void prune() throws IOException {
        List<Checkpoint> all = list();
        for (int i = 0; i < all.size() - keep; i++) {
            discard(all.get(i).folder());
        }
    }

    /**
     * Deletes a checkpoint so that no half-deleted one is ever seen under its {@code step-*} name: it is first
     * renamed out of the way in one step, then deleted.
     */
    private void discard(Path checkpoint) throws IOException {
        Path aside = root.resolve(DELETING_PREFIX + checkpoint.getFileName() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        move(checkpoint, aside);
        TemporaryPaths.deleteRecursively(aside);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static Map<String, FloatTensor> toTensors(Map<String, NDArray> arrays) {
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        arrays.forEach((name, array) -> tensors.put(name, new FloatTensor(array.getShape().getShape(),
                array.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray())));
        return tensors;
    }
}
