package dev.contrastive4j.engine;

import java.net.SocketPermission;
import java.security.Permission;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A security manager that refuses every network connection and DNS look-up and remembers each attempt.
 * Installed in a child JVM (started with {@code -Djava.security.manager=allow}) by tests that prove a piece
 * of the project works with no network at all.
 */
@SuppressWarnings("removal") // SecurityManager is the only JDK 17 hook that sees every socket and DNS call
public final class NoNetworkGuard extends SecurityManager {

    private final List<String> attempts = new CopyOnWriteArrayList<>();

    /** Installs a guard for the rest of this JVM's life and returns it. */
    public static NoNetworkGuard install() {
        NoNetworkGuard guard = new NoNetworkGuard();
        System.setSecurityManager(guard);
        return guard;
    }

    @Override
    public void checkPermission(Permission permission) {
        if (permission instanceof SocketPermission) {
            attempts.add(permission.getName() + " " + permission.getActions());
            throw new SecurityException("network access attempted: " + permission.getName());
        }
    }

    @Override
    public void checkPermission(Permission permission, Object context) {
        checkPermission(permission);
    }

    /** Every refused attempt so far, as "host:port actions". */
    public List<String> attempts() {
        return List.copyOf(attempts);
    }
}
