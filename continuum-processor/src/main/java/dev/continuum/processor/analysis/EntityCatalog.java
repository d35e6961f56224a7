package dev.continuum.processor.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The entities an analysis can see besides the one it analyses: those of this compilation, in
 * every round, and those of the entity's own package, compiled or on the class path. A one-to-many
 * of another entity can put a column into an entity's version table, and the processor cannot
 * enumerate all classes, so this is where it looks for them.
 */
public final class EntityCatalog {

    private final Elements elements;
    /** By name: elements of an earlier round are looked up again in the current one. */
    private final Set<String> compiled = new TreeSet<>();
    /** What {@link #around} found, by package, until the next round adds entities. */
    private final Map<String, Collection<TypeElement>> aroundPackage = new HashMap<>();

    public EntityCatalog(Elements elements) {
        this.elements = elements;
    }

    /**
     * Adds the entities among {@code roots} (the root elements of a round) and their nested classes.
     *
     * @return the entities added
     */
    public List<TypeElement> addAll(Collection<? extends Element> roots) {
        List<TypeElement> found = new ArrayList<>();
        roots.forEach(root -> collect(root, found));
        found.forEach(entity -> compiled.add(entity.getQualifiedName().toString()));
        aroundPackage.clear();
        return found;
    }

    /** The entities of this compilation and of {@code entity}'s package, by qualified name. */
    Collection<TypeElement> around(TypeElement entity) {
        PackageElement pkg = elements.getPackageOf(entity);
        return aroundPackage.computeIfAbsent(pkg.getQualifiedName().toString(), name -> around(pkg));
    }

    private Collection<TypeElement> around(PackageElement pkg) {
        Map<String, TypeElement> entities = new TreeMap<>();
        for (String name : compiled) {
            TypeElement type = elements.getTypeElement(name);
            if (type != null) {
                entities.put(name, type);
            }
        }
        List<TypeElement> inPackage = new ArrayList<>();
        pkg.getEnclosedElements().forEach(type -> collect(type, inPackage));
        inPackage.forEach(type -> entities.putIfAbsent(type.getQualifiedName().toString(), type));
        return List.copyOf(entities.values());
    }

    private static void collect(Element element, List<TypeElement> found) {
        if (element instanceof TypeElement type) {
            if (Mirrors.has(type, Mirrors.ENTITY)) {
                found.add(type);
            }
            type.getEnclosedElements().forEach(member -> collect(member, found));
        }
    }
}
