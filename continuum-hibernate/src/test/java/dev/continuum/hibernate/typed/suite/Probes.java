package dev.continuum.hibernate.typed.suite;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.GeneratedValue;
import org.hibernate.annotations.TenantId;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EmbeddableType;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.Metamodel;
import jakarta.persistence.metamodel.SingularAttribute;
import jakarta.persistence.metamodel.Type;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Makes a new instance of an entity class that can be persisted as it is: its identifier
 * assigned (unless generated), its strings set, everything else left at the defaults; for an
 * abstract class, an instance of one of its concrete subclasses in the unit. Reads the unit's
 * metamodel, so it works for any of the suite's entities without knowing them.
 */
final class Probes {

    private Probes() {
    }

    /** An entity of {@code type} (or of a concrete subclass among {@code entities}) with identifier number {@code n}. */
    static Object of(Class<?> type, List<Class<?>> entities, EntityManagerFactory emf, long n) {
        Class<?> concrete = Modifier.isAbstract(type.getModifiers())
                ? entities.stream().filter(type::isAssignableFrom)
                        .filter(candidate -> !Modifier.isAbstract(candidate.getModifiers())).findFirst()
                        .orElseThrow(() -> new AssertionError("No concrete subclass of " + type.getName() + " to probe"))
                : type;
        Object entity = newInstance(concrete);
        Metamodel metamodel = emf.getMetamodel();
        EntityType<?> entityType = metamodel.entity(concrete);
        if (entityType.hasSingleIdAttribute()) {
            SingularAttribute<?, ?> id = entityType.getId(entityType.getIdType().getJavaType());
            if (!isGenerated(id.getJavaMember())) {
                set(entity, id, value(id.getType(), metamodel, n));
            }
        } else {
            for (SingularAttribute<?, ?> part : entityType.getIdClassAttributes()) {
                set(entity, part, value(part.getType(), metamodel, n));
            }
        }
        for (Attribute<?, ?> attribute : entityType.getAttributes()) {
            if (attribute instanceof SingularAttribute<?, ?> singular && !singular.isId() && !singular.isVersion()
                    && singular.getJavaType() == String.class && !isTenant(singular.getJavaMember())) {
                set(entity, singular, isJson(singular.getJavaMember()) ? "\"probe " + n + "\"" : "probe " + n);
            }
        }
        return entity;
    }

    /** A value of {@code type} derived from {@code n}: numbers, strings, UUIDs, embeddables of them. */
    private static Object value(Type<?> type, Metamodel metamodel, long n) {
        Class<?> java = type.getJavaType();
        if (type instanceof EmbeddableType<?> embeddable) {
            Object value = newInstance(java);
            for (Attribute<?, ?> attribute : embeddable.getAttributes()) {
                set(value, attribute, value(((SingularAttribute<?, ?>) attribute).getType(), metamodel, n));
            }
            return value;
        }
        if (java == Long.class || java == long.class) {
            return n;
        }
        if (java == Integer.class || java == int.class) {
            return (int) n;
        }
        if (java == Short.class || java == short.class) {
            return (short) n;
        }
        if (java == String.class) {
            return "p" + n;
        }
        if (java == UUID.class) {
            return new UUID(0, n);
        }
        throw new AssertionError("No probe value for an identifier of type " + java.getName());
    }

    /** A String attribute mapped as JSON, which takes only JSON text. */
    private static boolean isJson(Member member) {
        return member instanceof AnnotatedElement annotated
                && annotated.isAnnotationPresent(org.hibernate.annotations.JdbcTypeCode.class)
                && annotated.getAnnotation(org.hibernate.annotations.JdbcTypeCode.class).value()
                        == org.hibernate.type.SqlTypes.JSON;
    }

    /** A {@code @TenantId} attribute, which Hibernate fills with the session's tenant. */
    private static boolean isTenant(Member member) {
        return member instanceof AnnotatedElement annotated && annotated.isAnnotationPresent(TenantId.class);
    }

    private static boolean isGenerated(Member member) {
        return member instanceof AnnotatedElement annotated && annotated.isAnnotationPresent(GeneratedValue.class);
    }

    private static Object newInstance(Class<?> type) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("Cannot instantiate " + type.getName(), e);
        }
    }

    /** Sets an attribute through its field: the suite's entities map fields, or getters over fields of the same name. */
    private static void set(Object target, Attribute<?, ?> attribute, Object value) {
        Field field = field(target.getClass(), attribute.getName())
                .orElseThrow(() -> new AssertionError("No field " + attribute.getName() + " in "
                        + target.getClass().getName()));
        try {
            field.setAccessible(true);
            field.set(target, value);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static Optional<Field> field(Class<?> type, String name) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            for (Field field : current.getDeclaredFields()) {
                if (field.getName().equals(name)) {
                    return Optional.of(field);
                }
            }
        }
        return Optional.empty();
    }
}
