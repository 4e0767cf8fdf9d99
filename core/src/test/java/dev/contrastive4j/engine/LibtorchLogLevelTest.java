package dev.contrastive4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.encoder.MiniLmEncodeMain;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * libtorch honours {@code TORCH_CPP_LOG_LEVEL} (PyTorchRuntime calls {@code c10::initLogging()}): its deprecation
 * warning on the first inference (LegacyTypeDispatch.h:74) is gone at ERROR and still there at WARNING.
 */
class LibtorchLogLevelTest {

    private static final String WARNING = "LegacyTypeDispatch.h";

    @Test
    void warningsFollowTheLogLevel() throws Exception {
        assertThat(embedOnce("ERROR")).doesNotContain(WARNING).contains(MiniLmEncodeMain.EMBEDDING_PREFIX);
        assertThat(embedOnce("WARNING")).contains(WARNING);
    }

    private static String embedOnce(String level) throws Exception {
        ChildJvm.Result child = ChildJvm.run(MiniLmEncodeMain.class, List.of("-Dai.djl.offline=true",
                "-DOPT_OUT_TRACKING=true", "-Xmx1g"), Map.of("TORCH_CPP_LOG_LEVEL", level), 120, "hello world");
        assertThat(child.exitCode()).as(child.output()).isZero();
        return child.output();
    }
}
