package dev.continuum.hibernate.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The entities (and extra Hibernate properties, as {@code key=value}) of a test class's database. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
public @interface Model {

    /** The managed classes. */
    Class<?>[] value();

    /** Extra properties, each {@code key=value}. */
    String[] properties() default {};
}
