package dev.continuum;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Excludes one persistent property of a {@link Versioned} entity from versioning, like naming it
 * in {@link Versioned#exclude()}.
 *
 * <p>Place it on the field (field access) or the getter (property access) of the property.
 */
@Documented
@Target({ElementType.FIELD, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface NotVersioned {
}
