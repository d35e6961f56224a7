package dev.continuum.spring.jackson;

import dev.continuum.NotVersioned;
import dev.continuum.Versioned;

import jakarta.persistence.ElementCollection;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.ser.ValueSerializerModifier;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the properties of an entity are written when the entity is a version's snapshot, as opposed
 * to a live entity the application serializes: what is not history is left out, and relations are
 * written as the related entity's identifier so that a snapshot graph (whose back references point
 * at the owner's snapshot) never recurses and never needs an open entity manager.
 *
 * <p>Installed for every entity class of the application's mapper; outside a snapshot (see
 * {@link #writingSnapshot}) the properties are written exactly as without this module.
 */
final class SnapshotProperties extends ValueSerializerModifier {

    private static final long serialVersionUID = 1L;

    /** The context attribute set while a snapshot is written. */
    private static final Object IN_SNAPSHOT = new Object();

    private static final List<Class<? extends Annotation>> NOT_HISTORY = List.of(NotVersioned.class,
            jakarta.persistence.Version.class, OneToMany.class, ManyToMany.class, ElementCollection.class);
    private static final List<Class<? extends Annotation>> TO_ONE = List.of(ManyToOne.class, OneToOne.class);

    /** What a property of an entity becomes in a snapshot. */
    enum Role {
        /** Left out: not versioned, or a collection, read lazily and possibly cyclic. */
        OMITTED,
        /** Written as the related entity's identifier. */
        IDENTIFIER
    }

    static boolean writingSnapshot(SerializationContext context) {
        return context.getAttribute(IN_SNAPSHOT) != null;
    }

    /** Writes {@code snapshot} through the application's mapper, with the snapshot rules on. */
    static void writeSnapshot(Object snapshot, JsonGenerator generator, SerializationContext context) {
        Object before = context.getAttribute(IN_SNAPSHOT);
        context.setAttribute(IN_SNAPSHOT, Boolean.TRUE);
        try {
            context.writeValue(generator, snapshot);
        } finally {
            context.setAttribute(IN_SNAPSHOT, before);
        }
    }

    @Override
    public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription.Supplier bean,
            List<BeanPropertyWriter> writers) {
        if (!Entities.isEntityClass(bean.getBeanClass())) {
            return writers;
        }
        Set<String> excluded = excluded(bean.getBeanClass());
        Map<AnnotatedMember, String> names = internalNames(bean.get());
        List<BeanPropertyWriter> changed = new ArrayList<>(writers.size());
        for (BeanPropertyWriter writer : writers) {
            String name = names.getOrDefault(writer.getMember(), writer.getName());
            Role role = excluded.contains(name) || annotated(writer, NOT_HISTORY) ? Role.OMITTED
                    : annotated(writer, TO_ONE) ? Role.IDENTIFIER : null;
            changed.add(role == null ? writer : new SnapshotPropertyWriter(writer, role));
        }
        return changed;
    }

    /** The names in {@code @Versioned(exclude)} of the class and its superclasses. */
    private static Set<String> excluded(Class<?> type) {
        Set<String> excluded = new HashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Versioned versioned = c.getAnnotation(Versioned.class);
            if (versioned != null) {
                excluded.addAll(Arrays.asList(versioned.exclude()));
            }
        }
        return excluded;
    }

    /** The Java property name of each accessor, before Jackson's renaming (naming strategy, {@code @JsonProperty}). */
    private static Map<AnnotatedMember, String> internalNames(BeanDescription description) {
        Map<AnnotatedMember, String> names = new HashMap<>();
        for (BeanPropertyDefinition property : description.findProperties()) {
            for (AnnotatedMember member : new AnnotatedMember[] {property.getGetter(), property.getField()}) {
                if (member != null) {
                    names.put(member, property.getInternalName());
                }
            }
        }
        return names;
    }

    private static boolean annotated(BeanPropertyWriter writer, List<Class<? extends Annotation>> annotations) {
        for (Class<? extends Annotation> annotation : annotations) {
            if (writer.getAnnotation(annotation) != null) {
                return true;
            }
        }
        return false;
    }

    /** A property of an entity that a snapshot writes otherwise; outside snapshots, the original. */
    static final class SnapshotPropertyWriter extends BeanPropertyWriter {

        private static final long serialVersionUID = 1L;

        private final Role role;

        SnapshotPropertyWriter(BeanPropertyWriter base, Role role) {
            super(base);
            this.role = role;
        }

        private SnapshotPropertyWriter(SnapshotPropertyWriter base, PropertyName name) {
            super(base, name);
            this.role = base.role;
        }

        @Override
        protected BeanPropertyWriter _new(PropertyName name) {
            return new SnapshotPropertyWriter(this, name);
        }

        @Override
        public void serializeAsProperty(Object bean, JsonGenerator generator, SerializationContext context)
                throws Exception {
            if (!writingSnapshot(context)) {
                super.serializeAsProperty(bean, generator, context);
                return;
            }
            if (role == Role.IDENTIFIER) {
                Object related = get(bean);
                generator.writeName(_name);
                if (related == null) {
                    generator.writeNull();
                } else {
                    context.writeValue(generator, Entities.identifier(related));
                }
            }
        }
    }
}
