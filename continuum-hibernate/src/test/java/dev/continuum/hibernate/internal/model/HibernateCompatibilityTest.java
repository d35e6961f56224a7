package dev.continuum.hibernate.internal.model;

import dev.continuum.ConfigurationException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The Hibernate ORM versions Continuum accepts at boot, and what it says about the others. */
class HibernateCompatibilityTest {

    @Test
    void hibernate74AndNewerAreSupported() {
        assertThat(HibernateCompatibility.supported("7.4.1.Final")).isTrue();
        assertThat(HibernateCompatibility.supported("7.4.13.Final")).isTrue();
        assertThat(HibernateCompatibility.supported("7.5.0.CR1")).isTrue();
        assertThat(HibernateCompatibility.supported("8.0.0.Alpha1")).isTrue();
    }

    @Test
    void olderHibernateIsRefusedWithTheMinimumAndTheSpringBootLineThatBringsIt() {
        assertThat(HibernateCompatibility.supported("7.2.7.Final")).isFalse();
        assertThat(HibernateCompatibility.supported("6.6.30.Final")).isFalse();
        assertThatThrownBy(() -> HibernateCompatibility.check("7.2.7.Final"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Hibernate ORM 7.4 or newer")
                .hasMessageContaining("7.2.7.Final is on the class path")
                .hasMessageContaining("Spring Boot 4.1.x");
    }

    @Test
    void theHibernateOfThisBuildPasses() {
        assertThatCode(HibernateCompatibility::check).doesNotThrowAnyException();
    }
}
