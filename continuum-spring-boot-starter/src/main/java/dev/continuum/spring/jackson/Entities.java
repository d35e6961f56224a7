package dev.continuum.spring.jackson;

import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.proxy.HibernateProxy;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the JSON of a version needs to know of JPA entities without an entity manager: whether a
 * class is an entity, and an entity's identifier, read from its {@code @Id} or {@code @EmbeddedId}
 * fields or getters (a Hibernate proxy's from the proxy).
 */
final class Entities {

    private static final ClassValue<Boolean> ENTITY = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                if (c.isAnnotationPresent(Entity.class)) {
                    return true;
                }
            }
            return false;
        }
    };

    private static final ClassValue<List<AccessibleObject>> IDENTIFIERS = new ClassValue<>() {
        @Override
        protected List<AccessibleObject> computeValue(Class<?> type) {
            return identifierMembers(type);
        }
    };

    private Entities() {
    }

    static boolean isEntity(Object value) {
        return value instanceof HibernateProxy || ENTITY.get(value.getClass());
    }

    static boolean isEntityClass(Class<?> type) {
        return ENTITY.get(type);
    }

    /**
     * The identifier of an entity: the value of its one identifier attribute, or a map of the
     * values of an {@code @IdClass} entity's identifier attributes by name.
     */
    static Object identifier(Object entity) {
        if (entity instanceof HibernateProxy proxy) {
            return proxy.getHibernateLazyInitializer().getInternalIdentifier();
        }
        List<AccessibleObject> members = IDENTIFIERS.get(entity.getClass());
        if (members.size() == 1) {
            return read(members.get(0), entity);
        }
        Map<String, Object> parts = new LinkedHashMap<>();
        for (AccessibleObject member : members) {
            parts.put(propertyName((Member) member), read(member, entity));
        }
        return parts;
    }

    private static List<AccessibleObject> identifierMembers(Class<?> type) {
        List<AccessibleObject> members = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(Id.class) || field.isAnnotationPresent(EmbeddedId.class)) {
                    members.add(field);
                }
            }
            for (Method method : c.getDeclaredMethods()) {
                if (method.getParameterCount() == 0
                        && (method.isAnnotationPresent(Id.class) || method.isAnnotationPresent(EmbeddedId.class))) {
                    members.add(method);
                }
            }
        }
        for (AccessibleObject member : members) {
            member.setAccessible(true);
        }
        return List.copyOf(members);
    }

    private static Object read(AccessibleObject member, Object entity) {
        try {
            return member instanceof Field field ? field.get(entity) : ((Method) member).invoke(entity);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read the identifier " + member + " of " + entity.getClass().getName(), e);
        }
    }

    private static String propertyName(Member member) {
        String name = member.getName();
        if (member instanceof Method) {
            int prefix = name.startsWith("get") ? 3 : name.startsWith("is") ? 2 : 0;
            if (prefix > 0 && name.length() > prefix) {
                return Character.toLowerCase(name.charAt(prefix)) + name.substring(prefix + 1);
            }
        }
        return name;
    }
}
