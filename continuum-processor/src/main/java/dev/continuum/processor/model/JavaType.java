package dev.continuum.processor.model;

import java.util.List;
import java.util.Optional;

/**
 * A Java type as the generated source spells it, resolved by the analysis from the compiler's
 * model so that the writer only has to render it (and import what it names).
 */
public sealed interface JavaType {

    /**
     * A class, interface, enum or record, with the type arguments it is used with.
     *
     * @param qualifiedName the canonical name, such as {@code java.util.List} or {@code com.example.Article.Status}
     * @param packageName the package of the type, to tell a nested type from a top-level one
     * @param arguments the type arguments, empty for a raw or non-generic use
     * @param generic whether the type declares type parameters (an empty {@code arguments} is then a raw use)
     * @param deprecated whether the type is deprecated, so that the class using it suppresses the warning
     */
    record Declared(String qualifiedName, String packageName, List<JavaType> arguments, boolean generic,
            boolean deprecated) implements JavaType {

        public Declared {
            arguments = List.copyOf(arguments);
        }

        /** A non-generic, non-deprecated type of a known package, for the fixed types the generated code uses. */
        public static Declared of(String qualifiedName) {
            return new Declared(qualifiedName, qualifiedName.substring(0, qualifiedName.lastIndexOf('.')), List.of(),
                    false, false);
        }

        /** The name without the package, nested types with their enclosing types: {@code Article.Status}. */
        public String simpleName() {
            return qualifiedName.substring(packageName.isEmpty() ? 0 : packageName.length() + 1);
        }
    }

    /** @param component the type of the elements */
    record Array(JavaType component) implements JavaType {
    }

    /**
     * {@code ?}, {@code ? extends T} or {@code ? super T}.
     *
     * @param extendsBound the upper bound, if written
     * @param superBound the lower bound, if written
     */
    record Wildcard(Optional<JavaType> extendsBound, Optional<JavaType> superBound) implements JavaType {
    }

    /**
     * A type the compiler spells itself: a primitive type.
     *
     * @param keyword {@code long}, {@code boolean}...
     */
    record Keyword(String keyword) implements JavaType {
    }

    /** Whether this is {@code boolean}, whose getter starts with {@code is}. */
    default boolean isPrimitiveBoolean() {
        return this instanceof Keyword keyword && keyword.keyword().equals("boolean");
    }

    /** Whether this is a generic type used with type arguments. */
    default boolean isParameterized() {
        return this instanceof Declared declared && !declared.arguments().isEmpty();
    }

    /** Whether this is a generic type used without type arguments. */
    default boolean isRaw() {
        return this instanceof Declared declared && declared.arguments().isEmpty() && declared.generic();
    }
}
