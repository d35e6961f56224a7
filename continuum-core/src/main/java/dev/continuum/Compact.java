package dev.continuum;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stores the history of one large property of a {@link Versioned} entity compactly: its version
 * column holds the SHA-256 of the value (32 bytes), and the value itself lives once in the shared
 * value table ({@code <transaction>_value}), compressed, and, when it changed, as a delta against
 * the value it replaced. A version that did not change the property stores no new value.
 * Reading through the API gives the full value back; see the user guide (retention and integrity,
 * "Compact storage") for the layout and how to read it with SQL.
 *
 * <p>Place it on the field (field access) or the getter (property access) of a basic property
 * declared as a {@code String} (text, {@code @Lob}, JSON or XML held in a {@code String}) or a
 * {@code byte[]}. Any other type is refused when the session
 * factory starts. The generated typed version class declares such a property as a {@code byte[]}
 * that holds the reference (the hash), not the value.
 */
@Documented
@Target({ElementType.FIELD, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Compact {
}
