package dev.contrastive4j.converters.wordnet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A 64-bit hash of a seed and a text that is the same on every JVM and every run: the first eight bytes of
 * SHA-256. Used instead of {@link String#hashCode()} (too weak to spread buckets evenly) and instead of a
 * random generator's stream (which would tie each choice to the order of all earlier choices).
 */
final class StableHash {

    private StableHash() {}

    static long of(long seed, String key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(Long.toString(seed).getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) 0);
            sha256.update(key.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(sha256.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /** A stable choice among {@code size} items. */
    static int index(long seed, String key, int size) {
        return (int) Math.floorMod(of(seed, key), (long) size);
    }
}
