package dev.contrastive4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.djl.Device;
import ai.djl.engine.StandardCapabilities;
import ai.djl.ndarray.NDArray;
import com.google.inject.AbstractModule;
import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import dev.contrastive4j.engine.ComputeDevice;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.expression.LossSpec;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EncoderLoss;
import dev.contrastive4j.spi.Loss;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.ParameterValues;
import dev.contrastive4j.spi.PluginBindings;
import dev.contrastive4j.spi.PluginModule;
import dev.contrastive4j.spi.Triplet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device a job chooses reaches the arrays: the loader places the parameters there, and a training step's manager,
 * the embeddings the loss receives and the loss itself live where the parameters are. Only the CPU exists here; a
 * GPU run checks the same placements on {@code cuda:0}.
 */
class DevicePlacementTest {

    private static final List<String> TEXTS = List.of("the cat sat on the mat", "a dog", "one two three four five");

    @TempDir
    static Path workspace;
    static Path tinyModel;

    @BeforeAll
    static void saveTinyModel() {
        tinyModel = workspace.resolve("tiny");
        try (SentenceEncoder tiny = TinyBert.create(11, 0.0)) {
            tiny.save(tinyModel);
        }
    }

    @Test
    void theLoaderPlacesEveryParameterOnTheChosenDevice() {
        try (SentenceEncoder encoder = new EncoderLoader(ComputeDevice.CPU).load(tinyModel.toString())) {
            assertThat(encoder.device()).isEqualTo(Device.cpu());
            assertThat(encoder.block().parametersByHfName()).isNotEmpty().allSatisfy((name, parameter) ->
                    assertThat(parameter.getArray().getDevice()).as(name).isEqualTo(Device.cpu()));
        }
    }

    @Test
    void cpuAndAutoWithoutAGpuEmbedBitForBitAsTheDefaultLoader() {
        assumeFalse(PyTorchRuntime.engine().hasCapability(StandardCapabilities.CUDA), "this libtorch has CUDA");
        float[][] expected;
        try (SentenceEncoder byDefault = new EncoderLoader().load(tinyModel.toString())) {
            expected = byDefault.encode(TEXTS, 2);
        }
        for (ComputeDevice device : List.of(ComputeDevice.CPU, ComputeDevice.AUTO)) {
            try (SentenceEncoder encoder = new EncoderLoader(device).load(tinyModel.toString())) {
                assertThat(encoder.encode(TEXTS, 2)).as(device.toString()).isDeepEqualTo(expected);
            }
        }
    }

    @Test
    void aTrainingStepsArraysLiveWhereTheParametersAre(@TempDir Path output) {
        List<Device> seen = new ArrayList<>();
        PluginRegistry registry = PluginRegistry.of(List.of(new DeviceProbe(seen)));
        LossPlan plan = LossPlan.create(LossSpec.parse("device-probe", registry), DataFormat.TRIPLET, registry);
        List<Triplet> rows = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            rows.add(new Triplet("query " + i, "answer " + i, "other " + (i + 3)));
        }
        try (SentenceEncoder encoder = new EncoderLoader(ComputeDevice.CPU).load(tinyModel.toString())) {
            new Trainer(new EncoderTrainingModel(encoder, 4), plan,
                    TrainingConfig.defaults().withBatchSize(4).withMaxSteps(2), output, List.of(), List.of())
                    .train(rows, false);
        }
        // Per step: the step's manager, the embeddings, the loss.
        assertThat(seen).hasSize(6).containsOnly(Device.cpu());
    }

    @Test
    void aLossWithAFrozenGuideModelIsRefusedOffTheCpuAloneOrWrapped() {
        PluginRegistry registry = PluginRegistry.of(List.of(new DeviceProbe(new ArrayList<>())));
        for (String expression : List.of("guided", "device-probe + 0.5*guided",
                "matryoshka(guided, dims=[8, 16])")) {
            LossSpec spec = LossSpec.parse(expression, registry);
            Training.requireNoGuideModelOffCpu(spec, Device.cpu()); // the CPU takes any loss
            assertThatThrownBy(() -> Training.requireNoGuideModelOffCpu(spec, Device.gpu(0))).as(expression)
                    .isInstanceOf(ContrastiveException.class)
                    .hasMessage("loss 'guided' uses a frozen guide model, which is loaded on the CPU; training it"
                            + " with the model on cuda:0 is not supported: use --device cpu");
        }
        Training.requireNoGuideModelOffCpu(LossSpec.parse("device-probe", registry), Device.gpu(0));
    }

    /** A loss that records where the step's arrays live: the manager it is given, the embeddings, the loss. */
    private static final class DeviceProbe extends AbstractModule implements PluginModule {

        private final List<Device> seen;

        DeviceProbe(List<Device> seen) {
            this.seen = seen;
        }

        @Override
        protected void configure() {
            LossDescriptor descriptor = LossDescriptor.builder("device-probe").summary("records devices")
                    .formats(Set.of(DataFormat.TRIPLET)).parameters(List.of()).build();
            LossDescriptor guided = LossDescriptor.builder("guided").summary("needs a guide model")
                    .formats(Set.of(DataFormat.TRIPLET)).parameters(List.of()).needsGuideModel(true).build();
            PluginBindings.losses(binder()).addBinding("guided").toInstance(new LossFactory() {
                @Override
                public LossDescriptor descriptor() {
                    return guided;
                }

                @Override
                public Loss create(ParameterValues values) {
                    // The refusal must come from the descriptor, before any loss is made.
                    throw new AssertionError("create() reached for a loss that needs a guide model off the CPU");
                }
            });
            PluginBindings.losses(binder()).addBinding("device-probe").toInstance(new LossFactory() {
                @Override
                public LossDescriptor descriptor() {
                    return descriptor;
                }

                @Override
                public Loss create(ParameterValues values) {
                    return (EncoderLoss) (batch, context, weight) -> {
                        NDArray anchors = context.encoder().embedWithGradient(batch.column(0), context.manager(),
                                context.stepSeed());
                        NDArray positives = context.encoder().embedWithGradient(batch.column(1), context.manager(),
                                context.stepSeed() + 1);
                        NDArray loss = anchors.mul(positives).sum().neg();
                        seen.add(context.manager().getDevice());
                        seen.add(anchors.getDevice());
                        seen.add(loss.getDevice());
                        context.backward(loss.mul(weight));
                        return loss.getFloat();
                    };
                }
            });
        }
    }
}
