package dev.contrastive4j.engine;

import ai.djl.engine.Engine;

/**
 * Puts DJL into the mode this project promises: offline, with usage tracking opted out, on the PyTorch
 * engine whose native library comes from the {@code pytorch-native-cpu} jar on the classpath.
 *
 * <p>DJL reads these switches when its engine first starts, so every entry point (the CLI, the encoder
 * loader, tests) calls {@link #pytorch()} instead of {@code Engine.getInstance()}. Values a user already
 * set on the command line are kept.
 */
public final class DjlEnvironment {

    /** Stops DJL from downloading anything (model zoo, native libraries). */
    static final String OFFLINE = "ai.djl.offline";
    /** Stops DJL's usage ping at engine start. */
    static final String OPT_OUT_TRACKING = "OPT_OUT_TRACKING";
    static final String ENGINE_NAME = "PyTorch";

    private DjlEnvironment() {
    }

    /** Sets the offline and no-tracking switches unless the user set them; safe to call repeatedly. */
    public static synchronized void configure() {
        setIfAbsent(OFFLINE, "true");
        setIfAbsent(OPT_OUT_TRACKING, "true");
        setIfAbsent("ai.djl.default_engine", ENGINE_NAME);
    }

    /** The PyTorch engine, started offline. */
    public static Engine pytorch() {
        configure();
        return Engine.getEngine(ENGINE_NAME);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
