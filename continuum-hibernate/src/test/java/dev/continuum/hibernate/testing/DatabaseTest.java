package dev.continuum.hibernate.testing;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test that runs once on each {@link TestDatabase} (H2, PostgreSQL, MariaDB), receiving a
 * {@link Db} for the entities named by the test class's {@link Model}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(DatabaseExtension.class)
public @interface DatabaseTest {

    /** The databases to run on; all of them when empty. */
    TestDatabase[] only() default {};
}
