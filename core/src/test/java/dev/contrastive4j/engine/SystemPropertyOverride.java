package dev.contrastive4j.engine;

/**
 * A system property set for the length of a try-with-resources block, then put back as it was (removed if it was
 * not set): how tests turn on the fall-back paths ({@code -Dcontrastive4j.attention=unfused} and the like) without
 * leaving them on for the tests after, or losing a value the build passed in.
 */
public final class SystemPropertyOverride implements AutoCloseable {

    private final String name;
    private final String previous;

    private SystemPropertyOverride(String name, String previous) {
        this.name = name;
        this.previous = previous;
    }

    /** Sets {@code name} to {@code value} until {@link #close()}. */
    public static SystemPropertyOverride set(String name, String value) {
        SystemPropertyOverride override = new SystemPropertyOverride(name, System.getProperty(name));
        System.setProperty(name, value);
        return override;
    }

    @Override
    public void close() {
        if (previous == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, previous);
        }
    }
}
