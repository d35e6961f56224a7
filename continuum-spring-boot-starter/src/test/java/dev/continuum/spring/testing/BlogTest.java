package dev.continuum.spring.testing;

import dev.continuum.spring.sample.BlogApplication;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test of the example application of {@code docs/spring-boot.md} on the database of this run,
 * with MockMvc, its schema created for the test and the statements recorded by
 * {@link StatementCounter}. All such test classes share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DatabaseCondition.class)
@SpringBootTest(classes = BlogApplication.class, properties = {
        "spring.jpa.hibernate.ddl-auto=create-drop", "continuum.activities=true",
        "spring.jpa.properties.hibernate.session_factory.statement_inspector=dev.continuum.spring.testing.StatementCounter"})
@AutoConfigureMockMvc
public @interface BlogTest {
}
