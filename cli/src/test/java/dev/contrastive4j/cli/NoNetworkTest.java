package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import dev.contrastive4j.engine.ChildJvm;
import dev.contrastive4j.engine.NoNetworkGuard;
import dev.contrastive4j.engine.PyTorchRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole {@code c4j train} run (engine start, tokenizer, training, evaluation, saving) opens no socket and
 * looks up no host: it runs in a fresh JVM whose security manager refuses and records every attempt, with
 * none of the offline switches on its command line, so the command line must set them itself.
 */
class NoNetworkTest {

    /** Runs the command line in a JVM that refuses the network; exit code 3 if anything tried to connect. */
    public static final class TrainWithoutNetwork {
        public static void main(String[] args) {
            NoNetworkGuard guard = NoNetworkGuard.install();
            PyTorchRuntime.configureDefaults(); // what C4j.main does first
            int exitCode = C4j.commandLine(new C4j()).execute(args);
            System.out.println("exit=" + exitCode + " network-attempts=" + guard.attempts());
            System.exit(guard.attempts().isEmpty() ? exitCode : 3);
        }
    }

    @TempDir
    Path workspace;

    @Test
    void trainingATinyModelOpensNoSocket() throws Exception {
        Path model = workspace.resolve("tiny");
        try (SentenceEncoder tiny = TinyBert.create(2)) {
            tiny.save(model);
        }
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rows.add("{\"anchor\": \"the cat " + i + "\", \"positive\": \"a cat " + i + "\", \"negative\": \"a dog\"}");
        }
        Path data = Files.write(workspace.resolve("triplets.jsonl"), rows, StandardCharsets.UTF_8);

        ChildJvm.Result result = ChildJvm.run(TrainWithoutNetwork.class, List.of("-Djava.security.manager=allow"),
                Map.of("OPT_OUT_TRACKING", ""), 180, "train", "--model", model.toString(), "--train", data.toString(),
                "--eval", data.toString(), "--batch-size", "4", "--max-steps", "3", "--save-steps", "2", "--output",
                workspace.resolve("run").toString(), "--no-progress");

        assertThat(result.output()).contains("exit=0 network-attempts=[]", "Trained 3 steps");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(workspace.resolve("run/final/model.safetensors")).exists();
    }
}
