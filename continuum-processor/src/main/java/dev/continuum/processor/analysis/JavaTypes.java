package dev.continuum.processor.analysis;

import dev.continuum.processor.model.JavaType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Questions about the types of the entity being analysed, answered from the compiler's model, and
 * their translation into the {@link JavaType}s the writer spells.
 */
final class JavaTypes {

    private final Elements elements;
    private final Types types;

    JavaTypes(ProcessingEnvironment environment) {
        this.elements = environment.getElementUtils();
        this.types = environment.getTypeUtils();
    }

    /** {@code type} as the generated source spells it; type variables by their erasure. */
    JavaType of(TypeMirror type) {
        switch (type.getKind()) {
            case DECLARED -> {
                DeclaredType declared = (DeclaredType) type;
                TypeElement element = (TypeElement) declared.asElement();
                List<JavaType> arguments = new ArrayList<>();
                declared.getTypeArguments().forEach(argument -> arguments.add(of(argument)));
                return new JavaType.Declared(element.getQualifiedName().toString(), packageOf(element), arguments,
                        !element.getTypeParameters().isEmpty(), elements.isDeprecated(element));
            }
            case ARRAY -> {
                return new JavaType.Array(of(((ArrayType) type).getComponentType()));
            }
            case WILDCARD -> {
                WildcardType wildcard = (WildcardType) type;
                return new JavaType.Wildcard(Optional.ofNullable(wildcard.getExtendsBound()).map(this::of),
                        Optional.ofNullable(wildcard.getSuperBound()).map(this::of));
            }
            case TYPEVAR -> {
                return of(types.erasure(type));
            }
            default -> {
                return new JavaType.Keyword(type.toString());
            }
        }
    }

    /** The class {@code element} itself, without type arguments. */
    JavaType.Declared of(TypeElement element) {
        return new JavaType.Declared(element.getQualifiedName().toString(), packageOf(element), List.of(),
                !element.getTypeParameters().isEmpty(), elements.isDeprecated(element));
    }

    /** {@code type} erased of its type arguments: what a class literal names. */
    JavaType erased(TypeMirror type) {
        return of(types.erasure(type));
    }

    /** {@code type}, boxed when it is primitive: a foreign key may be null where the key it copies may not. */
    TypeMirror boxed(TypeMirror type) {
        return type.getKind().isPrimitive() ? types.boxedClass(types.getPrimitiveType(type.getKind())).asType() : type;
    }

    /** The type of a field or getter as seen from {@code owner}, with the type arguments {@code owner} binds. */
    TypeMirror memberType(DeclaredType owner, Element member) {
        TypeMirror type;
        try {
            type = types.asMemberOf(owner, member);
        } catch (IllegalArgumentException e) {
            type = member.asType();
        }
        return type instanceof ExecutableType method ? method.getReturnType() : type;
    }

    /** The type a field holds or a getter returns, as declared. */
    static TypeMirror declaredType(Element member) {
        return member instanceof ExecutableElement method ? method.getReturnType() : member.asType();
    }

    /** Whether {@code type} is a {@code Collection} or a {@code Map}, which have no column of the entity's table. */
    boolean isCollectionOrMap(TypeMirror type) {
        TypeMirror erased = types.erasure(type);
        return isSubtype(erased, "java.util.Collection") || isSubtype(erased, "java.util.Map");
    }

    /** The element type of a collection (the value type of a map), when it is a class. */
    Optional<TypeElement> collectionElement(TypeMirror type) {
        if (type.getKind() != TypeKind.DECLARED) {
            return Optional.empty();
        }
        List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
        if (arguments.isEmpty()) {
            return Optional.empty();
        }
        TypeMirror element = arguments.get(arguments.size() - 1);
        if (element instanceof WildcardType wildcard && wildcard.getExtendsBound() != null) {
            element = wildcard.getExtendsBound();
        }
        return element(element);
    }

    /** The class of a declared type. */
    static Optional<TypeElement> element(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED
                ? Optional.of((TypeElement) ((DeclaredType) type).asElement()) : Optional.empty();
    }

    /** Whether a field of type {@code type} can be declared in {@code packageName}: it and its enclosing types are visible there. */
    boolean accessibleFrom(TypeMirror type, String packageName) {
        switch (type.getKind()) {
            case DECLARED -> {
                DeclaredType declared = (DeclaredType) type;
                if (!accessibleFrom((TypeElement) declared.asElement(), packageName)) {
                    return false;
                }
                return declared.getTypeArguments().stream().allMatch(argument -> accessibleFrom(argument, packageName));
            }
            case ARRAY -> {
                return accessibleFrom(((ArrayType) type).getComponentType(), packageName);
            }
            case WILDCARD -> {
                WildcardType wildcard = (WildcardType) type;
                return (wildcard.getExtendsBound() == null || accessibleFrom(wildcard.getExtendsBound(), packageName))
                        && (wildcard.getSuperBound() == null || accessibleFrom(wildcard.getSuperBound(), packageName));
            }
            case TYPEVAR -> {
                return accessibleFrom(types.erasure(type), packageName);
            }
            default -> {
                return true;
            }
        }
    }

    private boolean accessibleFrom(TypeElement type, String packageName) {
        boolean samePackage = packageOf(type).equals(packageName);
        for (Element current = type; current instanceof TypeElement nested; current = current.getEnclosingElement()) {
            var modifiers = nested.getModifiers();
            if (modifiers.contains(javax.lang.model.element.Modifier.PRIVATE)) {
                return false;
            }
            if (!samePackage && !modifiers.contains(javax.lang.model.element.Modifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    private boolean isSubtype(TypeMirror type, String name) {
        TypeElement collection = elements.getTypeElement(name);
        return collection != null && types.isSubtype(type, types.erasure(collection.asType()));
    }

    private String packageOf(TypeElement element) {
        return elements.getPackageOf(element).getQualifiedName().toString();
    }
}
