package dev.contrastive4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfflineEngineTest {

    /** Started in a child JVM with every socket and DNS look-up refused. */
    public static final class StartEngineWithoutNetwork {
        public static void main(String[] args) {
            NoNetworkGuard guard = NoNetworkGuard.install();
            Engine engine = PyTorchRuntime.engine();
            try (NDManager manager = engine.newBaseManager()) {
                NDArray x = manager.create(new float[] {1, 2, 3});
                float sum = x.mul(2).sum().getFloat();
                System.out.println("engine=" + engine.getEngineName() + " version=" + engine.getVersion()
                        + " sum=" + sum + " attempts=" + guard.attempts());
            }
            System.exit(guard.attempts().isEmpty() ? 0 : 3);
        }
    }

    /** Proves the guard is not a no-op: a plain loopback connection is refused and recorded. */
    public static final class ConnectToLoopback {
        public static void main(String[] args) {
            NoNetworkGuard guard = NoNetworkGuard.install();
            try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", 9)) {
                System.out.println("connected");
            } catch (SecurityException | java.io.IOException e) {
                System.out.println("refused: " + e.getMessage());
            }
            System.out.println("attempts=" + guard.attempts());
        }
    }

    @Test
    void guardRefusesAndRecordsAConnection() throws Exception {
        ChildJvm.Result result = ChildJvm.run(ConnectToLoopback.class,
                List.of("-Djava.security.manager=allow"), Map.of(), 60);

        assertThat(result.output()).contains("refused: network access attempted", "attempts=[127.0.0.1:9");
    }

    @Test
    void pytorchEngineStartsAndComputesWithNoNetwork() throws Exception {
        // No -Dai.djl.offline here: PyTorchRuntime itself must switch DJL offline and opt out of tracking.
        ChildJvm.Result result = ChildJvm.run(StartEngineWithoutNetwork.class,
                List.of("-Djava.security.manager=allow"), Map.of("OPT_OUT_TRACKING", ""), 120);

        assertThat(result.output()).contains("engine=PyTorch", "sum=12.0", "attempts=[]");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
