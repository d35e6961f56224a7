package dev.continuum.hibernate.internal.read;

import org.hibernate.bytecode.spi.BasicProxyFactory;
import org.hibernate.bytecode.spi.ProxyFactoryFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.proxy.ProxyConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes the proxies that stand for the to-one targets of related snapshots until they are read
 * (see {@link LazyToOnes}): subclasses of the entity class that Hibernate's own bytecode provider
 * generates ({@link ProxyFactoryFactory#buildBasicProxyFactory}), every overridable method passed
 * to an interceptor. Built once per entity class and session factory; an entity class that no
 * subclass can stand for (final, without a non-private no-argument constructor, or with a final
 * method that would read the empty proxy's own fields) gets none, which is logged once.
 */
final class SnapshotProxies {

    private static final Logger LOG = LoggerFactory.getLogger("dev.continuum");

    private final SessionFactoryImplementor factory;
    private final Map<String, Optional<BasicProxyFactory>> byEntity = new ConcurrentHashMap<>();

    SnapshotProxies(SessionFactoryImplementor factory) {
        this.factory = factory;
    }

    /**
     * A new proxy of {@code persister}'s class holding identifier {@code id}, whose calls go to
     * {@code interceptor}, or empty when the class cannot be proxied.
     */
    Optional<Object> proxy(EntityPersister persister, Object id, ProxyConfiguration.Interceptor interceptor,
            SharedSessionContractImplementor session) {
        return byEntity.computeIfAbsent(persister.getEntityName(), name -> build(persister)).map(proxies -> {
            Object proxy = proxies.getProxy();
            // before the interceptor: a setter called now does nothing, and a field gets the value
            persister.setIdentifier(proxy, id, session);
            ((ProxyConfiguration) proxy).$$_hibernate_set_interceptor(interceptor);
            return proxy;
        });
    }

    private Optional<BasicProxyFactory> build(EntityPersister persister) {
        Class<?> type = persister.getMappedClass();
        String reason = whyNotProxiable(type);
        if (reason == null) {
            try {
                return Optional.of(factory.getServiceRegistry().requireService(ProxyFactoryFactory.class)
                        .buildBasicProxyFactory(type));
            } catch (RuntimeException e) {
                reason = "the bytecode provider could not subclass it (" + e.getMessage() + ")";
            }
        }
        LOG.info("The to-ones to {} of related snapshots are read with their siblings' relations instead of on "
                + "first use: {}. Make the class non-final, give it a protected no-argument constructor and no final "
                + "methods to read them lazily", persister.getEntityName(), reason);
        return Optional.empty();
    }

    /** Why a subclass cannot stand for instances of {@code type}, or null when one can. */
    private static String whyNotProxiable(Class<?> type) {
        if (type.isInterface() || type.isPrimitive() || type.isArray()) {
            return "it is no class";
        }
        if (Modifier.isFinal(type.getModifiers())) {
            return "the class is final";
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            if (Modifier.isPrivate(constructor.getModifiers())) {
                return "its no-argument constructor is private";
            }
        } catch (NoSuchMethodException e) {
            return "it has no no-argument constructor";
        }
        for (Class<?> level = type; level != null && level != Object.class; level = level.getSuperclass()) {
            for (Method method : level.getDeclaredMethods()) {
                int modifiers = method.getModifiers();
                if (Modifier.isFinal(modifiers) && !Modifier.isStatic(modifiers) && !Modifier.isPrivate(modifiers)) {
                    return "its method " + level.getSimpleName() + "." + method.getName() + " is final";
                }
            }
        }
        return null;
    }
}
