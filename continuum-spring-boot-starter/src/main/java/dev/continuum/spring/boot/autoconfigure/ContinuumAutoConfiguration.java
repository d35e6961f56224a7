package dev.continuum.spring.boot.autoconfigure;

import dev.continuum.ActivityStream;
import dev.continuum.ContinuumSettings;
import dev.continuum.VersionHistory;
import dev.continuum.spi.TransactionContextProvider;
import dev.continuum.spring.SpringTransactionContextProvider;
import dev.continuum.spring.TransactionalVersionHistory;
import dev.continuum.spring.jackson.ContinuumJacksonModule;

import jakarta.persistence.EntityManagerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of Continuum in a Spring Boot application with Hibernate JPA:
 * <ul>
 *   <li>the {@code continuum.*} properties ({@link ContinuumProperties}) passed to Hibernate;</li>
 *   <li>who made a change: the application's {@link TransactionContextProvider} bean, else a
 *       {@link SpringTransactionContextProvider} (Spring Security user, request address), passed
 *       to Hibernate as {@link ContinuumSettings#CONTEXT_PROVIDER} unless that property is set
 *       already;</li>
 *   <li>a {@link VersionHistory} bean bound to the current transaction
 *       ({@link TransactionalVersionHistory}) when there is one entity manager factory, and its
 *       {@link ActivityStream} as a bean too;</li>
 *   <li>the {@link ContinuumJacksonModule} when Jackson 3 is on the class path.</li>
 * </ul>
 */
@AutoConfiguration(after = HibernateJpaAutoConfiguration.class)
@ConditionalOnClass({EntityManagerFactory.class, HibernatePropertiesCustomizer.class, VersionHistory.class})
@EnableConfigurationProperties(ContinuumProperties.class)
public class ContinuumAutoConfiguration {

    /** Created by Spring Boot. */
    public ContinuumAutoConfiguration() {
    }

    /**
     * The default provider of who made a change: the Spring Security user and the request address.
     *
     * @return the provider
     */
    @Bean
    @ConditionalOnMissingBean(TransactionContextProvider.class)
    public SpringTransactionContextProvider continuumTransactionContextProvider() {
        return new SpringTransactionContextProvider();
    }

    /**
     * Passes the {@code continuum.*} properties and the context provider to Hibernate.
     *
     * @param properties the bound {@code continuum.*} properties
     * @param contextProvider the application's provider, or the default one
     * @return the customizer
     */
    @Bean
    public HibernatePropertiesCustomizer continuumHibernatePropertiesCustomizer(ContinuumProperties properties,
            ObjectProvider<TransactionContextProvider> contextProvider) {
        return hibernateProperties -> {
            hibernateProperties.putAll(properties.toHibernateProperties());
            TransactionContextProvider provider = contextProvider.getIfAvailable();
            if (provider != null) {
                hibernateProperties.putIfAbsent(ContinuumSettings.CONTEXT_PROVIDER, provider);
            }
        };
    }

    /**
     * The history of the application's persistence unit, read through the entity manager of the
     * current transaction at each call.
     *
     * @param entityManagerFactory the application's entity manager factory
     * @return the shared history
     */
    @Bean
    @ConditionalOnMissingBean(VersionHistory.class)
    @ConditionalOnSingleCandidate(EntityManagerFactory.class)
    public VersionHistory versionHistory(EntityManagerFactory entityManagerFactory) {
        return TransactionalVersionHistory.of(entityManagerFactory);
    }

    /**
     * The activity stream of the application's persistence unit, recorded and read through the
     * entity manager of the current transaction at each call (needs {@code continuum.activities=true}).
     *
     * @param entityManagerFactory the application's entity manager factory
     * @return the shared activity stream
     */
    @Bean
    @ConditionalOnMissingBean(ActivityStream.class)
    @ConditionalOnSingleCandidate(EntityManagerFactory.class)
    public ActivityStream activityStream(EntityManagerFactory entityManagerFactory) {
        return TransactionalVersionHistory.of(entityManagerFactory).activities();
    }

    /** The JSON form of versions, registered with Spring Boot's Jackson 3 {@code JsonMapper}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "tools.jackson.databind.JacksonModule")
    static class JacksonConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ContinuumJacksonModule continuumJacksonModule() {
            return new ContinuumJacksonModule();
        }
    }
}
