package dev.continuum.spring.boot;

import dev.continuum.ContinuumSettings;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every Continuum setting is a {@code continuum.*} property with IDE metadata. */
@Tag("database-independent")
class ConfigurationMetadataTest {

    static Map<String, String> descriptions() throws IOException {
        try (InputStream in = ConfigurationMetadataTest.class.getResourceAsStream(
                "/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the configuration processor's metadata").isNotNull();
            Map<String, String> descriptions = new HashMap<>();
            for (JsonNode property : JsonMapper.shared().readTree(in).get("properties")) {
                JsonNode description = property.get("description");
                descriptions.put(property.get("name").asString(), description == null ? "" : description.asString());
            }
            return descriptions;
        }
    }

    @Test
    void everySettingHasADescribedProperty() throws Exception {
        Map<String, String> descriptions = descriptions();
        for (Field field : ContinuumSettings.class.getFields()) {
            String setting = (String) field.get(null);
            if (!Modifier.isStatic(field.getModifiers()) || setting.equals(ContinuumSettings.CONTEXT_PROVIDER)) {
                continue;   // the context provider is a bean, not a property
            }
            String property = setting.replace('_', '-');
            assertThat(descriptions).as(setting).containsKey(property);
            assertThat(descriptions.get(property)).as(property).contains("Default: ");
        }
    }
}
