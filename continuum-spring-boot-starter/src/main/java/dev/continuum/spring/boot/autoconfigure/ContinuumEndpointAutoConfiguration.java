package dev.continuum.spring.boot.autoconfigure;

import dev.continuum.spring.boot.actuate.ContinuumEndpoint;

import jakarta.persistence.EntityManagerFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Auto-configuration of the {@code continuum} actuator endpoint, when Spring Boot Actuator is present. */
@AutoConfiguration(after = HibernateJpaAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnAvailableEndpoint(ContinuumEndpoint.class)
public class ContinuumEndpointAutoConfiguration {

    /** Created by Spring Boot. */
    public ContinuumEndpointAutoConfiguration() {
    }

    /**
     * The endpoint.
     *
     * @param entityManagerFactory the application's entity manager factory
     * @return the endpoint
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(EntityManagerFactory.class)
    public ContinuumEndpoint continuumEndpoint(EntityManagerFactory entityManagerFactory) {
        return new ContinuumEndpoint(entityManagerFactory);
    }
}
