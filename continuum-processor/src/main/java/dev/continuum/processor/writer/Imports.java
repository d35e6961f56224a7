package dev.continuum.processor.writer;

import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The imports of one generated compilation unit: hands out the simple name of a type when it can
 * be imported without ambiguity, its qualified name otherwise.
 */
final class Imports {

    private final String packageName;
    private final Map<String, String> bySimpleName = new HashMap<>();
    private final SortedSet<String> imports = new TreeSet<>();

    /**
     * @param packageName the package of the generated unit, empty for the unnamed package
     * @param reserved simple names declared by the unit itself, which imports must not shadow
     */
    Imports(String packageName, String... reserved) {
        this.packageName = packageName;
        for (String name : reserved) {
            bySimpleName.put(name, "");
        }
    }

    /**
     * How to refer to a type in the unit.
     *
     * @param qualifiedName the canonical name, such as {@code jakarta.persistence.Column} or
     *        {@code com.example.Article.Status}
     * @param topLevelPackage the package of the type, to tell nested types from top-level ones
     */
    String ref(String qualifiedName, String topLevelPackage) {
        String simpleName = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
        String known = bySimpleName.get(simpleName);
        if (known != null) {
            return known.equals(qualifiedName) ? simpleName : qualifiedName;
        }
        bySimpleName.put(simpleName, qualifiedName);
        String enclosing = qualifiedName.substring(0, Math.max(0, qualifiedName.lastIndexOf('.')));
        boolean implicit = enclosing.equals(topLevelPackage)
                && (topLevelPackage.equals(packageName) || topLevelPackage.equals("java.lang"));
        if (!implicit) {
            imports.add(qualifiedName);
        }
        return simpleName;
    }

    /** A type of a known package, for the fixed types the generated code uses. */
    String ref(String qualifiedName) {
        return ref(qualifiedName, qualifiedName.substring(0, qualifiedName.lastIndexOf('.')));
    }

    /** The import statements, sorted, one per line. */
    String declarations() {
        StringBuilder out = new StringBuilder();
        for (String name : imports) {
            out.append("import ").append(name).append(";\n");
        }
        return out.toString();
    }
}
