package dev.continuum.processor.analysis;

import dev.continuum.processor.model.Names;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The persistent properties of an entity as JPA sees them in source: the fields or getters of the
 * entity and of its entity and mapped superclasses, depending on the access type.
 *
 * @param names the property names, sorted
 * @param identifiers the names among {@code names} mapped with {@code @Id} or {@code @EmbeddedId}
 * @param members the field or getter that maps each property, superclasses' properties first, each
 *        class's in declaration order
 */
record PersistentProperties(SortedSet<String> names, Set<String> identifiers, Map<String, Element> members) {

    private enum Access { FIELD, PROPERTY, UNKNOWN }

    /** Reads the persistent properties of {@code entity} and of its mapped superclasses. */
    static PersistentProperties of(TypeElement entity) {
        List<TypeElement> hierarchy = mappedHierarchy(entity, Mirrors.ENTITY);
        return read(hierarchy, accessFromIdentifier(hierarchy));
    }

    /**
     * Reads the persistent properties of an embeddable, which JPA accesses like the attribute that
     * embeds it unless the embeddable says otherwise with {@code @Access}.
     *
     * @param embeddable the embeddable class
     * @param embeddedBy the field or getter that embeds it
     */
    static PersistentProperties ofEmbeddable(TypeElement embeddable, Element embeddedBy) {
        return read(mappedHierarchy(embeddable, Mirrors.EMBEDDABLE),
                embeddedBy.getKind() == ElementKind.FIELD ? Access.FIELD : Access.PROPERTY);
    }

    private static PersistentProperties read(List<TypeElement> hierarchy, Access hierarchyAccess) {
        SortedSet<String> names = new TreeSet<>();
        Set<String> identifiers = new TreeSet<>();
        Map<String, Element> members = new LinkedHashMap<>();
        List<TypeElement> superclassesFirst = new ArrayList<>(hierarchy);
        Collections.reverse(superclassesFirst);
        for (TypeElement type : superclassesFirst) {
            Access access = explicitAccess(type).orElse(hierarchyAccess);
            for (Element member : type.getEnclosedElements()) {
                propertyName(member, access).ifPresent(name -> {
                    names.add(name);
                    members.put(name, member);
                    if (isIdentifier(member)) {
                        identifiers.add(name);
                    }
                });
            }
        }
        return new PersistentProperties(Collections.unmodifiableSortedSet(names),
                Collections.unmodifiableSet(identifiers), Collections.unmodifiableMap(members));
    }

    /** Whether {@code member} is mapped as the identifier, or part of it. */
    static boolean isIdentifier(Element member) {
        return Mirrors.has(member, Mirrors.ID) || Mirrors.has(member, Mirrors.EMBEDDED_ID);
    }

    /** The property a getter reads: {@code title} for {@code getTitle()}, {@code draft} for {@code isDraft()}. */
    static Optional<String> getterProperty(ExecutableElement method) {
        if (method.getKind() != ElementKind.METHOD || !method.getParameters().isEmpty()) {
            return Optional.empty();
        }
        String name = method.getSimpleName().toString();
        TypeMirror returned = method.getReturnType();
        if (name.startsWith("get") && name.length() > 3 && returned.getKind() != TypeKind.VOID) {
            return Optional.of(Names.decapitalize(name.substring(3)));
        }
        if (name.startsWith("is") && name.length() > 2 && isBoolean(returned)) {
            return Optional.of(Names.decapitalize(name.substring(2)));
        }
        return Optional.empty();
    }

    /** {@code type} and its superclasses that hold persistent state: mapped superclasses and those of {@code kind}. */
    private static List<TypeElement> mappedHierarchy(TypeElement type, String kind) {
        List<TypeElement> hierarchy = new ArrayList<>();
        hierarchy.add(type);
        for (Optional<TypeElement> superclass = Mirrors.superclass(type); superclass.isPresent();
                superclass = Mirrors.superclass(superclass.get())) {
            // State of a superclass that is neither an entity nor a mapped superclass is not persistent.
            if (Mirrors.has(superclass.get(), Mirrors.MAPPED_SUPERCLASS) || Mirrors.has(superclass.get(), kind)) {
                hierarchy.add(superclass.get());
            }
        }
        return hierarchy;
    }

    /** JPA takes the default access of a whole hierarchy from where the identifier is mapped. */
    private static Access accessFromIdentifier(List<TypeElement> hierarchy) {
        for (TypeElement type : hierarchy) {
            for (Element member : type.getEnclosedElements()) {
                if (isIdentifier(member)) {
                    return member.getKind() == ElementKind.FIELD ? Access.FIELD : Access.PROPERTY;
                }
            }
        }
        // Without an identifier in sight (mapped in XML, say) accept fields and getters alike,
        // rather than reject a name the runtime would accept.
        return Access.UNKNOWN;
    }

    private static Optional<Access> explicitAccess(TypeElement type) {
        return Mirrors.find(type, Mirrors.ACCESS)
                .flatMap(access -> Mirrors.value(access, "value"))
                .map(value -> value.getValue() instanceof VariableElement constant
                        && constant.getSimpleName().contentEquals("PROPERTY") ? Access.PROPERTY : Access.FIELD);
    }

    private static Optional<String> propertyName(Element member, Access access) {
        if (member.getModifiers().contains(Modifier.STATIC) || Mirrors.has(member, Mirrors.TRANSIENT)) {
            return Optional.empty();
        }
        // @Access on a single attribute overrides the access type of its class.
        boolean explicit = Mirrors.has(member, Mirrors.ACCESS);
        if (member.getKind() == ElementKind.FIELD) {
            boolean persistent = !member.getModifiers().contains(Modifier.TRANSIENT)
                    && (access != Access.PROPERTY || explicit);
            return persistent ? Optional.of(member.getSimpleName().toString()) : Optional.empty();
        }
        if (member instanceof ExecutableElement method && (access != Access.FIELD || explicit)) {
            return getterProperty(method);
        }
        return Optional.empty();
    }

    private static boolean isBoolean(TypeMirror type) {
        return type.getKind() == TypeKind.BOOLEAN || type.toString().equals("java.lang.Boolean");
    }
}
