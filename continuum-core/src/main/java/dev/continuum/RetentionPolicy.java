package dev.continuum;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A rule for how much history to keep, given to {@link HistoryAdmin#prune(Class, RetentionPolicy)}
 * or declared with {@link HistoryRetention}. A version is pruned only when every rule of the policy
 * allows it; the current version of an entity always stays.
 *
 * @param versions the number of most recent versions of each entity that stay, or empty
 * @param newerThan how long a version stays after it stopped being current, or empty
 * @param keepFirst whether the first version of every entity stays
 */
public record RetentionPolicy(OptionalInt versions, Optional<Duration> newerThan, boolean keepFirst) {

    /**
     * Checks the rules.
     *
     * @throws IllegalArgumentException when no rule is given, the number of versions is below 1 or
     *         the duration is negative
     */
    public RetentionPolicy {
        Objects.requireNonNull(versions, "versions");
        Objects.requireNonNull(newerThan, "newerThan");
        if (versions.isEmpty() && newerThan.isEmpty()) {
            throw new IllegalArgumentException("A retention policy needs a number of versions, a duration, or both");
        }
        if (versions.isPresent() && versions.getAsInt() < 1) {
            throw new IllegalArgumentException("A retention policy keeps at least 1 version, got "
                    + versions.getAsInt());
        }
        if (newerThan.isPresent() && newerThan.get().isNegative()) {
            throw new IllegalArgumentException("A retention duration cannot be negative, got " + newerThan.get());
        }
    }

    /**
     * Keeps the {@code versions} most recent versions of each entity, and its first.
     *
     * @param versions at least 1
     * @return the policy
     */
    public static RetentionPolicy keepLast(int versions) {
        return new RetentionPolicy(OptionalInt.of(versions), Optional.empty(), true);
    }

    /**
     * Keeps every version that was current within {@code duration} before now, and the first.
     *
     * @param duration not negative
     * @return the policy
     */
    public static RetentionPolicy keepNewerThan(Duration duration) {
        return new RetentionPolicy(OptionalInt.empty(), Optional.of(duration), true);
    }

    /**
     * This policy that also keeps every version current within {@code duration} before now.
     *
     * @param duration not negative
     * @return the combined policy
     */
    public RetentionPolicy andNewerThan(Duration duration) {
        return new RetentionPolicy(versions, Optional.of(duration), keepFirst);
    }

    /**
     * This policy without the rule that keeps the first version of every entity.
     *
     * @return the policy
     */
    public RetentionPolicy pruningFirst() {
        return new RetentionPolicy(versions, newerThan, false);
    }
}
