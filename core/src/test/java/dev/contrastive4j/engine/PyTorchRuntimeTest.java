package dev.contrastive4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PyTorchRuntimeTest {

    private static final String[] KEYS = {
        PyTorchRuntime.INTRA_OP_THREADS, PyTorchRuntime.INTER_OP_THREADS, "ai.djl.offline", "OPT_OUT_TRACKING"};

    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void saveProperties() {
        for (String key : KEYS) {
            saved.put(key, System.getProperty(key));
        }
    }

    @AfterEach
    void restoreProperties() {
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    @Test
    void defaultsAreOneIntraOpThreadPerCoreOneInterOpThreadOfflineAndUntracked() {
        for (String key : KEYS) {
            System.clearProperty(key);
        }
        PyTorchRuntime.configureDefaults();
        assertThat(System.getProperty(PyTorchRuntime.INTRA_OP_THREADS))
                .isEqualTo(Integer.toString(Runtime.getRuntime().availableProcessors()));
        assertThat(System.getProperty(PyTorchRuntime.INTER_OP_THREADS)).isEqualTo("1");
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        assertThat(System.getProperty("OPT_OUT_TRACKING")).isEqualTo("true");
    }

    @Test
    void userChoicesAreKept() {
        System.setProperty(PyTorchRuntime.INTRA_OP_THREADS, "3");
        System.setProperty(PyTorchRuntime.INTER_OP_THREADS, "2");
        PyTorchRuntime.configureDefaults();
        assertThat(System.getProperty(PyTorchRuntime.INTRA_OP_THREADS)).isEqualTo("3");
        assertThat(System.getProperty(PyTorchRuntime.INTER_OP_THREADS)).isEqualTo("2");
    }

    @Test
    void gradModeIsRestoredAfterTheBody() {
        boolean before = PyTorchRuntime.isGradMode();
        boolean inside = PyTorchRuntime.withGradMode(!before, PyTorchRuntime::isGradMode);
        assertThat(inside).isEqualTo(!before);
        assertThat(PyTorchRuntime.isGradMode()).isEqualTo(before);
    }

    @Test
    void intraOpThreadsIsTheCountTheEngineStartedWith() throws Exception {
        // A fresh JVM, because this one's engine may already have started with another count.
        ChildJvm.Result run = ChildJvm.run(IntraOpThreadsMain.class,
                List.of("-D" + PyTorchRuntime.INTRA_OP_THREADS + "=1", "-Dai.djl.offline=true",
                        "-DOPT_OUT_TRACKING=true"),
                Map.of("OPT_OUT_TRACKING", "true"), 120);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("intra-op threads: 1");
    }
}
