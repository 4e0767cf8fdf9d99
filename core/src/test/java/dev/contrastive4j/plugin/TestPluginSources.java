package dev.contrastive4j.plugin;

/**
 * Java sources of small plugins for {@link PluginJarBuilder}: a well-behaved one that contributes one loss, and
 * plugins that crash at each point of start-up. Other modules' tests reuse them to build jars for a plugins folder.
 */
public final class TestPluginSources {

    private TestPluginSources() {
    }

    /** Fully qualified name of the module in {@link #lossPlugin}. */
    public static String lossPluginModule(String packageName) {
        return packageName + ".LossPlugin";
    }

    /**
     * A plugin module, {@code <packageName>.LossPlugin}, that binds one embedding loss of that name (a mean of
     * the anchors' embeddings, enough to be listed and created).
     */
    public static String lossPlugin(String packageName, String lossName) {
        return """
                package %1$s;

                import ai.djl.ndarray.NDArray;
                import com.google.inject.AbstractModule;
                import dev.contrastive4j.spi.*;

                public final class LossPlugin extends AbstractModule implements PluginModule {

                    public static final class Factory implements LossFactory {
                        @Override
                        public LossDescriptor descriptor() {
                            return LossDescriptor.builder("%2$s")
                                    .summary("A test loss.")
                                    .formats(DataFormat.TRIPLET)
                                    .build();
                        }

                        @Override
                        public Loss create(ParameterValues parameters) {
                            return (EmbeddingLoss) batch -> batch.column(0).mean();
                        }
                    }

                    @Override
                    protected void configure() {
                        PluginBindings.losses(binder()).addBinding("%2$s").to(Factory.class);
                    }
                }
                """.formatted(packageName, lossName);
    }

    /** Fully qualified name of the module in {@link #crashingConstructorPlugin}. */
    public static String crashingConstructorModule(String packageName) {
        return packageName + ".CrashingPlugin";
    }

    /** A plugin module whose constructor throws, as one that cannot find its licence file would. */
    public static String crashingConstructorPlugin(String packageName, String message) {
        return """
                package %1$s;

                import com.google.inject.AbstractModule;
                import dev.contrastive4j.spi.PluginModule;

                public final class CrashingPlugin extends AbstractModule implements PluginModule {

                    public CrashingPlugin() {
                        throw new IllegalStateException("%2$s");
                    }

                    @Override
                    protected void configure() {
                    }
                }
                """.formatted(packageName, message);
    }

    /** Fully qualified name of the module in {@link #crashingFactoryPlugin}. */
    public static String crashingFactoryModule(String packageName) {
        return packageName + ".CrashingFactoryPlugin";
    }

    /** A plugin module that binds a loss whose factory throws when Guice creates it. */
    public static String crashingFactoryPlugin(String packageName, String lossName, String message) {
        return """
                package %1$s;

                import com.google.inject.AbstractModule;
                import dev.contrastive4j.spi.*;

                public final class CrashingFactoryPlugin extends AbstractModule implements PluginModule {

                    public static final class Factory implements LossFactory {
                        public Factory() {
                            throw new IllegalStateException("%3$s");
                        }

                        @Override
                        public LossDescriptor descriptor() {
                            throw new AssertionError("never created");
                        }

                        @Override
                        public Loss create(ParameterValues parameters) {
                            throw new AssertionError("never created");
                        }
                    }

                    @Override
                    protected void configure() {
                        PluginBindings.losses(binder()).addBinding("%2$s").to(Factory.class);
                    }
                }
                """.formatted(packageName, lossName, message);
    }
}
