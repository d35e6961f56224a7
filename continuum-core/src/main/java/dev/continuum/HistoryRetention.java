package dev.continuum;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How much history of a {@link Versioned} entity {@link HistoryAdmin#prune()} keeps. A version is
 * pruned only when every rule given allows it: it is not among the {@link #versions()} most recent
 * versions of its entity, and it stopped being current longer ago than {@link #newerThan()}. The
 * current version of every entity always stays, and by default its first version too. Without
 * this annotation the {@code continuum.retention.*} settings apply; without those, nothing is
 * pruned.
 *
 * <pre>{@code
 * @Entity @Versioned
 * @HistoryRetention(versions = 20, newerThan = "P365D")   // the last 20, and all of the last year
 * public class Article { ... }
 * }</pre>
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface HistoryRetention {

    /**
     * The number of most recent versions of each entity that always stay; 0 (the default) for no
     * such rule.
     *
     * @return the number of versions kept, at least 1 when given
     */
    int versions() default 0;

    /**
     * How long a version stays after it stopped being current, as an ISO-8601 duration
     * ({@code P90D}, {@code P1Y} is not a {@link java.time.Duration}: write {@code P365D});
     * empty (the default) for no such rule. Every state an entity had within this window stays,
     * so point-in-time reads inside it are complete.
     *
     * @return the duration, or empty
     */
    String newerThan() default "";

    /**
     * Whether the first version of every entity (its insert, or the baseline) always stays.
     *
     * @return {@code true} by default
     */
    boolean keepFirst() default true;
}
