package dev.contrastive4j.plugin;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.google.inject.spi.Elements;
import com.google.inject.spi.Message;
import dev.contrastive4j.expression.LossCatalog;
import dev.contrastive4j.spi.ConverterDescriptor;
import dev.contrastive4j.spi.ConverterFactory;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.DatasetBuilder;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.PluginModule;
import dev.contrastive4j.spi.SpiVersion;
import dev.contrastive4j.train.WrapperLossFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every loss and converter plugin on a class path, found with {@link ServiceLoader} and wired with Guice.
 *
 * <p>One injector holds the core's modules and every plugin's {@link PluginModule}; plugins contribute
 * factories to the maps declared by {@link dev.contrastive4j.spi.PluginBindings}. The registry then
 * indexes them by lower-case name and alias. Two plugins that claim one name are an error naming both
 * sources; a plugin that fails to start, or that was built for an incompatible {@link SpiVersion}, is skipped
 * and reported in {@link #problems()}.
 */
public final class PluginRegistry implements LossCatalog {

    private static final Key<Map<String, Set<Provider<LossFactory>>>> LOSS_MAP =
            Key.get(new TypeLiteral<Map<String, Set<Provider<LossFactory>>>>() { });
    private static final Key<Map<String, Set<Provider<ConverterFactory>>>> CONVERTER_MAP =
            Key.get(new TypeLiteral<Map<String, Set<Provider<ConverterFactory>>>>() { });
    private static final Key<Map<String, Set<Provider<DatasetBuilder>>>> DATASET_MAP =
            Key.get(new TypeLiteral<Map<String, Set<Provider<DatasetBuilder>>>>() { });

    private final Injector injector;
    private final Map<String, LoadedLoss> lossesByName;
    private final Map<String, LoadedLoss> lossesByNameOrAlias;
    private final Map<String, LoadedConverter> convertersByName;
    private final Map<String, DatasetBuilder> datasetsByName;
    private final List<PluginProblem> problems;

    private PluginRegistry(Injector injector, Map<String, LoadedLoss> lossesByName,
            Map<String, LoadedLoss> lossesByNameOrAlias, Map<String, LoadedConverter> convertersByName,
            Map<String, DatasetBuilder> datasetsByName, List<PluginProblem> problems) {
        this.injector = injector;
        this.lossesByName = lossesByName;
        this.lossesByNameOrAlias = lossesByNameOrAlias;
        this.convertersByName = convertersByName;
        this.datasetsByName = datasetsByName;
        this.problems = List.copyOf(problems);
    }

    /**
     * Finds every {@link PluginModule} that {@code classLoader} can see and builds the registry.
     *
     * @param classLoader where to look (the application's, or a plugin class loader over a plugins folder)
     * @param coreModules the core services plugin factories may inject (for instance the encoder loader)
     */
    public static PluginRegistry discover(ClassLoader classLoader, Module... coreModules) {
        List<PluginProblem> problems = new ArrayList<>();
        List<Module> plugins = new ArrayList<>();
        for (ServiceLoader.Provider<PluginModule> provider : serviceProviders(classLoader, problems)) {
            // Checked before the module is created, so that none of an incompatible plugin's code runs.
            Optional<String> incompatible = PluginManifest.spiVersion(provider.type())
                    .flatMap(declared -> SpiCompatibility.incompatibility(declared, SpiVersion.CURRENT));
            if (incompatible.isPresent()) {
                problems.add(new PluginProblem(describe(provider.type()), incompatible.get()));
                continue;
            }
            try {
                plugins.add(provider.get());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                problems.add(new PluginProblem(describe(provider.type()), "could not be created: " + rootMessage(e)));
            }
        }
        return build(plugins, List.of(coreModules), problems);
    }

    /** Builds a registry from plugin modules given directly (tests, embedding applications). */
    public static PluginRegistry of(List<? extends Module> pluginModules, Module... coreModules) {
        return build(pluginModules, List.of(coreModules), new ArrayList<>());
    }

    private static List<ServiceLoader.Provider<PluginModule>> serviceProviders(ClassLoader classLoader,
            List<PluginProblem> problems) {
        List<ServiceLoader.Provider<PluginModule>> providers = new ArrayList<>();
        var iterator = ServiceLoader.load(PluginModule.class, classLoader).stream().iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    return providers;
                }
                providers.add(iterator.next());
            } catch (ServiceConfigurationError e) {
                // A bad META-INF/services line (missing class, wrong type) spoils only that plugin.
                problems.add(new PluginProblem("META-INF/services", rootMessage(e)));
            }
        }
    }

    private static PluginRegistry build(List<? extends Module> candidates, List<Module> coreModules,
            List<PluginProblem> problems) {
        List<Module> plugins = new ArrayList<>();
        for (Module plugin : candidates) {
            // Elements runs configure() and records its failures instead of throwing.
            List<Message> errors = Elements.getElements(plugin).stream()
                    .filter(Message.class::isInstance).map(Message.class::cast).toList();
            if (errors.isEmpty()) {
                plugins.add(plugin);
            } else {
                problems.add(new PluginProblem(describe(plugin), "failed to configure: " + errors.get(0).getMessage()));
            }
        }
        Injector injector = createInjector(coreModules, plugins, problems);
        Map<String, LoadedLoss> losses = new TreeMap<>();
        for (LoadedLoss loss : instantiate(injector.getInstance(LOSS_MAP), LossFactory::descriptor,
                d -> d.name(), (d, f) -> new LoadedLoss(d, f, PluginSource.of(f.getClass())), problems)) {
            LoadedLoss previous = losses.putIfAbsent(loss.descriptor().name(), loss);
            if (previous != null) {
                throw duplicate("loss", loss.descriptor().name(), previous.factory(), previous.source(),
                        loss.factory(), loss.source());
            }
        }
        Map<String, LoadedLoss> byNameOrAlias = new TreeMap<>(losses);
        for (LoadedLoss loss : losses.values()) {
            for (String alias : loss.descriptor().aliases()) {
                String key = alias.toLowerCase(Locale.ROOT);
                LoadedLoss previous = byNameOrAlias.putIfAbsent(key, loss);
                if (previous != null && previous != loss) {
                    throw duplicate("loss name or alias", key, previous.factory(), previous.source(),
                            loss.factory(), loss.source());
                }
            }
        }
        Map<String, LoadedConverter> converters = new TreeMap<>();
        for (LoadedConverter converter : instantiate(injector.getInstance(CONVERTER_MAP),
                ConverterFactory::descriptor, ConverterDescriptor::name,
                (d, f) -> new LoadedConverter(d, f, PluginSource.of(f.getClass())), problems)) {
            LoadedConverter previous = converters.putIfAbsent(converter.descriptor().name(), converter);
            if (previous != null) {
                throw duplicate("converter", converter.descriptor().name(), previous.factory(), previous.source(),
                        converter.factory(), converter.source());
            }
        }
        Map<String, DatasetBuilder> datasets = new TreeMap<>();
        for (DatasetBuilder builder : instantiate(injector.getInstance(DATASET_MAP), Function.identity(),
                DatasetBuilder::name, (d, f) -> f, problems)) {
            DatasetBuilder previous = datasets.putIfAbsent(builder.name(), builder);
            if (previous != null) {
                throw duplicate("dataset", builder.name(), previous, PluginSource.of(previous.getClass()),
                        builder, PluginSource.of(builder.getClass()));
            }
        }
        return new PluginRegistry(injector, losses, byNameOrAlias, converters, datasets, problems);
    }

    private static Injector createInjector(List<Module> coreModules, List<Module> plugins,
            List<PluginProblem> problems) {
        List<Module> all = new ArrayList<>(coreModules);
        all.add(new CoreModule());
        try {
            all.addAll(plugins);
            return Guice.createInjector(Stage.PRODUCTION, all);
        } catch (CreationException combined) {
            // Find the plugins that cannot be wired on their own, skip them, and wire the rest.
            List<Module> healthy = new ArrayList<>(coreModules);
            healthy.add(new CoreModule());
            Injector coreOnly = Guice.createInjector(Stage.PRODUCTION, healthy);
            for (Module plugin : plugins) {
                try {
                    coreOnly.createChildInjector(plugin);
                    healthy.add(plugin);
                } catch (CreationException e) {
                    problems.add(new PluginProblem(describe(plugin),
                            "cannot be wired: " + e.getErrorMessages().iterator().next().getMessage()));
                }
            }
            return Guice.createInjector(Stage.PRODUCTION, healthy);
        }
    }

    private static <F, D, L> List<L> instantiate(Map<String, Set<Provider<F>>> bound, Function<F, D> describe,
            Function<D, String> nameOf, java.util.function.BiFunction<D, F, L> wrap, List<PluginProblem> problems) {
        List<L> loaded = new ArrayList<>();
        for (Map.Entry<String, Set<Provider<F>>> entry : bound.entrySet()) {
            for (Provider<F> provider : entry.getValue()) {
                F factory;
                D descriptor;
                try {
                    factory = provider.get();
                    descriptor = describe.apply(factory);
                } catch (RuntimeException | LinkageError e) { // ProvisionException included
                    problems.add(new PluginProblem("'" + entry.getKey() + "'", "could not be created: " + rootMessage(e)));
                    continue;
                }
                String name = nameOf.apply(descriptor);
                if (!name.equals(entry.getKey())) {
                    problems.add(new PluginProblem(PluginSource.of(factory.getClass()), "bound as '" + entry.getKey()
                            + "' but its descriptor is named '" + name + "'; skipped"));
                    continue;
                }
                loaded.add(wrap.apply(descriptor, factory));
            }
        }
        return loaded;
    }

    private static PluginException duplicate(String kind, String name, Object first, String firstSource,
            Object second, String secondSource) {
        return new PluginException(kind + " '" + name + "' is claimed by two plugins: "
                + first.getClass().getName() + " (" + firstSource + ") and "
                + second.getClass().getName() + " (" + secondSource + "); remove one of the jars");
    }

    private static String describe(Module module) {
        return describe(module.getClass());
    }

    private static String describe(Class<?> type) {
        return type.getName() + " (" + PluginSource.of(type) + ")";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** Every loss, sorted by name. */
    public List<LoadedLoss> losses() {
        return List.copyOf(lossesByName.values());
    }

    /** Every converter, sorted by name. */
    public List<LoadedConverter> converters() {
        return List.copyOf(convertersByName.values());
    }

    /** Every dataset builder, sorted by name. */
    public List<DatasetBuilder> datasets() {
        return List.copyOf(datasetsByName.values());
    }

    /**
     * The dataset builder with this name (case-insensitive).
     *
     * @throws UnknownPluginException naming every available builder and the closest match
     */
    public DatasetBuilder dataset(String name) {
        DatasetBuilder builder = datasetsByName.get(name.toLowerCase(Locale.ROOT));
        if (builder == null) {
            throw unknown("dataset", name, datasetsByName.keySet(), datasetsByName.keySet());
        }
        return builder;
    }

    /** Plugins that were found but skipped. */
    public List<PluginProblem> problems() {
        return problems;
    }

    /** Whether a loss of that name or alias is installed (case-insensitive). */
    public boolean hasLoss(String nameOrAlias) {
        return lossesByNameOrAlias.containsKey(nameOrAlias.toLowerCase(Locale.ROOT));
    }

    /**
     * The loss with this name or alias (case-insensitive).
     *
     * @throws UnknownPluginException naming every available loss and the closest match
     */
    public LoadedLoss loss(String nameOrAlias) {
        LoadedLoss loss = lossesByNameOrAlias.get(nameOrAlias.toLowerCase(Locale.ROOT));
        if (loss == null) {
            // The listing names the plugins' losses; the core's own wrappers (matryoshka) are still matched.
            Set<String> pluginLosses = new java.util.TreeSet<>(lossesByName.keySet());
            pluginLosses.removeIf(name -> lossesByName.get(name).factory() instanceof WrapperLossFactory);
            throw unknown("loss", nameOrAlias, lossesByNameOrAlias.keySet(), pluginLosses);
        }
        return loss;
    }

    /** The descriptor of the loss with this name or alias; the expression validator's look-up. */
    @Override
    public LossDescriptor describe(String nameOrAlias) {
        return loss(nameOrAlias).descriptor();
    }

    /** Whether the loss wraps others ({@code matryoshka}): its factory is a {@link WrapperLossFactory}. */
    @Override
    public boolean wrapsLosses(String canonicalName) {
        return hasLoss(canonicalName) && loss(canonicalName).factory() instanceof WrapperLossFactory;
    }

    /**
     * The converter with this name (case-insensitive).
     *
     * @throws UnknownPluginException naming every available converter and the closest match
     */
    public LoadedConverter converter(String name) {
        LoadedConverter converter = convertersByName.get(name.toLowerCase(Locale.ROOT));
        if (converter == null) {
            throw unknown("converter", name, convertersByName.keySet(), convertersByName.keySet());
        }
        return converter;
    }

    /** The converters that read {@code from} and produce one of {@code targets}, by name. */
    public List<LoadedConverter> convertersBetween(DataFormat from, Set<DataFormat> targets) {
        return convertersByName.values().stream()
                .filter(c -> c.descriptor().from() == from && targets.contains(c.descriptor().to()))
                .sorted(Comparator.comparing(c -> c.descriptor().name()))
                .toList();
    }

    /** An instance of a core or plugin service from the plugin injector. */
    public <T> T service(Class<T> type) {
        return injector.getInstance(type);
    }

    private static UnknownPluginException unknown(String kind, String typed, Set<String> searchable,
            Set<String> listed) {
        String lower = typed.toLowerCase(Locale.ROOT);
        if (listed.isEmpty()) {
            return new UnknownPluginException(kind, typed, "unknown " + kind + " '" + typed + "': no " + kind
                    + " plugins are installed; add a plugin jar to the class path or the plugins folder");
        }
        Optional<String> closest = ClosestName.of(lower, searchable);
        String hint = closest.map(c -> "; did you mean '" + c + "'?").orElse(".");
        return new UnknownPluginException(kind, typed, "unknown " + kind + " '" + typed + "'" + hint + " Available: "
                + String.join(", ", listed));
    }

    /** Name → source jar of every loss, for diagnostics. */
    public Map<String, String> lossSources() {
        return lossesByName.values().stream().collect(Collectors.toMap(l -> l.descriptor().name(),
                LoadedLoss::source, (a, b) -> a, LinkedHashMap::new));
    }
}
