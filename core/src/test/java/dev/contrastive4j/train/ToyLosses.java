package dev.contrastive4j.train;

import ai.djl.ndarray.NDArray;
import com.google.inject.AbstractModule;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddingLoss;
import dev.contrastive4j.spi.EncoderLoss;
import dev.contrastive4j.spi.GraphScalars;
import dev.contrastive4j.spi.Loss;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.ParameterSpec;
import dev.contrastive4j.spi.ParameterValues;
import dev.contrastive4j.spi.PluginBindings;
import dev.contrastive4j.spi.PluginModule;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Small losses for training-loop tests, registered like any plugin. */
final class ToyLosses extends AbstractModule implements PluginModule {

    /** How many times the "nan" loss has been computed, across instances. */
    static final AtomicInteger NAN_LOSS_CALLS = new AtomicInteger();

    @Override
    protected void configure() {
        var losses = PluginBindings.losses(binder());
        losses.addBinding("softmax").toInstance(factory("softmax", Set.of(DataFormat.PAIR, DataFormat.TRIPLET),
                List.of(), p -> (EmbeddingLoss) batch -> softmax(batch.column(0), batch.column(1))));
        losses.addBinding("hinge").toInstance(factory("hinge", Set.of(DataFormat.TRIPLET), List.of(),
                p -> (EmbeddingLoss) batch -> hinge(batch.column(0), batch.column(1), batch.column(2))));
        losses.addBinding("encoder-hinge").toInstance(factory("encoder-hinge", Set.of(DataFormat.TRIPLET), List.of(),
                p -> (EncoderLoss) (batch, context, weight) -> {
                    var encoder = context.encoder();
                    NDArray a = encoder.embedWithGradient(batch.column(0), context.manager(), context.stepSeed());
                    NDArray pos = encoder.embedWithGradient(batch.column(1), context.manager(), context.stepSeed() + 1);
                    NDArray neg = encoder.embedWithGradient(batch.column(2), context.manager(), context.stepSeed() + 2);
                    NDArray loss = hinge(a, pos, neg);
                    context.backward(loss.mul(GraphScalars.of(loss, weight)));
                    return loss.getFloat();
                }));
        losses.addBinding("pairs-only").toInstance(factory("pairs-only", Set.of(DataFormat.SCORED_PAIR), List.of(),
                p -> (EmbeddingLoss) batch -> batch.column(0).mul(batch.column(1)).sum(new int[] {1})
                        .sub(batch.scores()).square().mean()));
        losses.addBinding("nan").toInstance(factory("nan", Set.of(DataFormat.TRIPLET),
                List.of(ParameterSpec.integer("at_call", 3, "Which call returns NaN.").atLeast(1)),
                p -> (EmbeddingLoss) batch -> {
                    NDArray loss = hinge(batch.column(0), batch.column(1), batch.column(2));
                    return NAN_LOSS_CALLS.incrementAndGet() >= p.getInt("at_call")
                            ? loss.mul(GraphScalars.of(loss, Double.NaN)) : loss;
                }));
    }

    // Numbers in a recorded graph are GraphScalars (see its notes): a Java number's buffer may be collected before
    // backward reads it, which made the resume test diverge now and then.

    /** In-batch softmax cross-entropy of anchors against all positives (target: the own positive). */
    static NDArray softmax(NDArray anchors, NDArray positives) {
        NDArray logits = anchors.matMul(positives.transpose());
        NDArray logProbabilities = logits.logSoftmax(1);
        long n = anchors.getShape().get(0);
        NDArray eye = anchors.getManager().eye((int) n);
        return logProbabilities.mul(eye).sum().neg().div(GraphScalars.of(logProbabilities, n));
    }

    /** mean(max(0, 1 − a·p + a·n)). */
    static NDArray hinge(NDArray a, NDArray p, NDArray n) {
        NDArray ap = a.mul(p).sum(new int[] {1});
        NDArray an = a.mul(n).sum(new int[] {1});
        NDArray margins = an.sub(ap).add(1f);
        return margins.maximum(GraphScalars.of(margins, 0)).mean();
    }

    private interface Creator {
        Loss create(ParameterValues parameters);
    }

    private static LossFactory factory(String name, Set<DataFormat> formats, List<ParameterSpec> parameters,
            Creator creator) {
        LossDescriptor descriptor = LossDescriptor.builder(name)
                .summary("toy loss " + name)
                .formats(formats)
                .parameters(parameters)
                .build();
        return new LossFactory() {
            @Override
            public LossDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public Loss create(ParameterValues values) {
                return creator.create(values);
            }
        };
    }
}
