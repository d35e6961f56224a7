package dev.continuum.spring.testing;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Points every Spring Boot application of the tests at the database of this run (registered in the
 * test {@code META-INF/spring.factories}).
 */
public final class DatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabase database = TestDatabase.current();
        if (database.unavailability() != null) {
            return;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String property : database.properties()) {
            int split = property.indexOf('=');
            properties.put(property.substring(0, split), property.substring(split + 1));
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("continuum-test-database", properties));
    }
}
