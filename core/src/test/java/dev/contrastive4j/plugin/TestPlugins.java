package dev.contrastive4j.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import dev.contrastive4j.spi.Converter;
import dev.contrastive4j.spi.ConverterDescriptor;
import dev.contrastive4j.spi.ConverterFactory;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.spi.EmbeddingLoss;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.Loss;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.Pair;
import dev.contrastive4j.spi.ParameterSpec;
import dev.contrastive4j.spi.ParameterValues;
import dev.contrastive4j.spi.PluginBindings;
import dev.contrastive4j.spi.PluginModule;
import dev.contrastive4j.spi.Triplet;
import java.util.List;

/** Small plugins for registry tests; each is a real module as a third party would write it. */
final class TestPlugins {

    private TestPlugins() {
    }

    /** A loss factory whose name and aliases the test chooses. */
    static final class NamedLossFactory implements LossFactory {
        private final LossDescriptor descriptor;

        NamedLossFactory(String name, String... aliases) {
            descriptor = LossDescriptor.builder(name)
                    .aliases(aliases)
                    .summary("test loss " + name)
                    .formats(DataFormat.PAIR)
                    .parameter(ParameterSpec.number("scale", 20, "scale").greaterThan(0))
                    .build();
        }

        @Override
        public LossDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public Loss create(ParameterValues parameters) {
            return (EmbeddingLoss) batch -> batch.column(0).mul(batch.column(1)).sum().neg();
        }
    }

    /** Contributes mnrl (alias multiplenegativesrankingloss) and triplet. */
    static final class RankingLikePlugin extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            PluginBindings.losses(binder()).addBinding("mnrl")
                    .toInstance(new NamedLossFactory("mnrl", "MultipleNegativesRankingLoss"));
            PluginBindings.losses(binder()).addBinding("triplet").toInstance(new NamedLossFactory("triplet"));
        }
    }

    /** Claims mnrl a second time. */
    static final class ClashingPlugin extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            PluginBindings.losses(binder()).addBinding("mnrl").toInstance(new NamedLossFactory("mnrl"));
        }
    }

    /** Claims another loss whose alias is an existing loss's name. */
    static final class AliasClashPlugin extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            PluginBindings.losses(binder()).addBinding("other").toInstance(new NamedLossFactory("other", "triplet"));
        }
    }

    /** Throws while configuring. */
    static final class BrokenPlugin extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            throw new IllegalStateException("broken on purpose");
        }
    }

    /** A core service a plugin factory can ask for. */
    static final class Greeting {
        String text() {
            return "hello from core";
        }
    }

    /** A converter factory that needs the core's {@link Greeting}, to prove injection reaches plugins. */
    static final class DropNegativesFactory implements ConverterFactory {
        final Greeting greeting;

        @Inject
        DropNegativesFactory(Greeting greeting) {
            this.greeting = greeting;
        }

        @Override
        public ConverterDescriptor descriptor() {
            return new ConverterDescriptor("drop-negatives", "keeps anchor and positive", DataFormat.TRIPLET,
                    DataFormat.PAIR, List.of());
        }

        @Override
        public Converter create(ParameterValues parameters) {
            return new Converter() {
                @Override
                public List<Example> convert(Example row) {
                    Triplet t = (Triplet) row;
                    return List.of(new Pair(t.anchor(), t.positive()));
                }

                @Override
                public EmbeddedBatch convert(EmbeddedBatch batch) {
                    return new EmbeddedBatch(DataFormat.PAIR, batch.columns().subList(0, 2), null);
                }
            };
        }
    }

    static final class ConverterPlugin extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            PluginBindings.converters(binder()).addBinding("drop-negatives").to(DropNegativesFactory.class);
        }
    }
}
