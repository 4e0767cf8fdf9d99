package dev.contrastive4j.plugin;

import java.util.Collection;
import java.util.Optional;

/** Finds the known name nearest to a misspelt one, for "did you mean" hints. */
final class ClosestName {

    private ClosestName() {
    }

    /**
     * The candidate with the smallest edit distance to {@code typed}, if it is close enough to be a plausible
     * typo: at most a third of the typed length, and at least 2 edits allowed for short names. A candidate
     * that starts with what was typed, or that what was typed starts with (three letters or more), also counts.
     */
    static Optional<String> of(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(typed, candidate);
            if (distance < bestDistance || (distance == bestDistance && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        int allowed = Math.max(2, typed.length() / 3);
        if (bestDistance <= allowed) {
            return Optional.of(best);
        }
        // Long forms and abbreviations: "tripletloss" for "triplet", "trip" for "triplet".
        return candidates.stream()
                .filter(c -> Math.min(c.length(), typed.length()) >= 3 && (c.startsWith(typed) || typed.startsWith(c)))
                .sorted()
                .findFirst();
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
