package dev.continuum.processor.analysis;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** Finds the name a misspelled one was meant to be, for "did you mean" hints. */
final class Spelling {

    private Spelling() {
    }

    /**
     * The candidate closest to {@code name} by edit distance, ignoring case; empty when even the
     * closest one differs too much to be a plausible typo.
     */
    static Optional<String> closest(String name, Collection<String> candidates) {
        return candidates.stream()
                .min(Comparator.comparingInt(candidate -> distance(name, candidate)))
                .filter(candidate -> isPlausibleTypo(name, candidate));
    }

    private static boolean isPlausibleTypo(String name, String candidate) {
        int distance = distance(name, candidate);
        // Short names are close to everything; require that more of the name survives.
        return distance <= Math.max(2, name.length() / 3) && distance < Math.min(name.length(), candidate.length());
    }

    /** Levenshtein distance of the lower-cased names. */
    private static int distance(String first, String second) {
        String a = first.toLowerCase(Locale.ROOT);
        String b = second.toLowerCase(Locale.ROOT);
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
