package dev.continuum.hibernate.internal.model;

import dev.continuum.Compact;
import dev.continuum.ConfigurationException;

import org.hibernate.mapping.BasicValue;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.persister.entity.EntityPersister;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.Locale;

/**
 * Which versioned properties are stored compactly ({@link Compact} on the field or getter), for the
 * schema contributor (which gives them a reference column) and the version model (which marks
 * their data columns), and the boot-time refusal of the annotation on a property it cannot serve.
 */
public final class CompactProperties {

    /** The suffix of the value table's name after the transaction table's. */
    public static final String VALUE_TABLE_SUFFIX = "_value";

    private CompactProperties() {
    }

    /**
     * Whether the property is compact, checked against the mapping.
     *
     * @throws ConfigurationException when it carries {@link Compact} but is not a basic property of
     *         one column declared as String or byte[]
     */
    public static boolean isCompact(PersistentClass entity, Property property) {
        Member member = annotated(entity.getMappedClass(), property.getName());
        if (member == null) {
            return false;
        }
        Class<?> type = member instanceof Field field ? field.getType() : ((Method) member).getReturnType();
        if (!(property.getValue() instanceof BasicValue value) || value.getColumnSpan() != 1
                || type != String.class && type != byte[].class) {
            throw new ConfigurationException(VersionedEntity.simpleName(entity) + "." + property.getName()
                    + " is @Compact but is of type " + type.getSimpleName() + "; compact storage holds basic "
                    + "properties of one column declared as String (text, @Lob, JSON or XML held in a String) or "
                    + "byte[]; remove @Compact from it, or declare it as one of those");
        }
        return true;
    }

    /** Whether a versioned attribute of a running session factory is compact (checked at boot). */
    static boolean isCompact(EntityPersister persister, AttributeMapping attribute) {
        if (!(attribute instanceof BasicValuedModelPart basic)
                || annotated(persister.getMappedClass(), attribute.getAttributeName()) == null) {
            return false;
        }
        Class<?> jdbcType = basic.getJdbcMapping().getJdbcJavaType().getJavaTypeClass();
        if (jdbcType != String.class && jdbcType != byte[].class) {
            throw new ConfigurationException(persister.getMappedClass().getSimpleName() + "."
                    + attribute.getAttributeName() + " is @Compact but its converter or type writes "
                    + jdbcType.getSimpleName() + " values; compact storage holds values written as String or byte[]");
        }
        return true;
    }

    /** The field or getter of {@code name} in {@code type} or a superclass that carries {@link Compact}, or null. */
    private static Member annotated(Class<?> type, String name) {
        if (type == null) {
            return null;
        }
        String capitalized = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getName().equals(name) && field.isAnnotationPresent(Compact.class)) {
                    return field;
                }
            }
            for (Method method : c.getDeclaredMethods()) {
                if (method.getParameterCount() == 0
                        && (method.getName().equals("get" + capitalized) || method.getName().equals("is" + capitalized))
                        && method.isAnnotationPresent(Compact.class)) {
                    return method;
                }
            }
        }
        return null;
    }
}
