package dev.continuum.hibernate.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Properties on top of those of the test class's {@link Model}, for a subclass that runs its
 * parent's tests under other settings (another {@code continuum.strategy}, for example).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface WithProperties {

    /** {@code name=value} pairs. */
    String[] value();
}
