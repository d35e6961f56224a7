package dev.continuum.processor.analysis;

import static dev.continuum.processor.analysis.MappingAnnotations.PERSISTENCE;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Where the runtime records the versions of an entity that belongs to an inheritance hierarchy,
 * and so what its version class maps. A single-table hierarchy writes every class's rows into the
 * root's version table, with the discriminator and every subclass's columns: the root's version
 * class maps them all, and the subclasses have none of their own. A TABLE_PER_CLASS hierarchy
 * gives each concrete class a version table holding all its columns: each gets a version class.
 * A JOINED hierarchy writes one row per level: the root's version class maps the root's level;
 * the levels of subclasses are not mapped yet, which the root's analysis warns about once.
 */
final class Hierarchies {

    private final EntityCatalog catalog;

    Hierarchies(EntityCatalog catalog) {
        this.catalog = catalog;
    }

    /** How a hierarchy maps its classes to tables. */
    enum Strategy {
        /** Not in a hierarchy, or a TABLE_PER_CLASS class: the class's own table. */
        OWN_TABLE,
        /** The root of a single-table hierarchy: its table holds every class's rows. */
        SINGLE_TABLE,
        /** The root of a JOINED hierarchy: its table holds the root's columns of every row. */
        JOINED
    }

    /**
     * What the version class of an entity maps.
     *
     * @param strategy how its table relates to the hierarchy's
     * @param subclasses for a single-table root, the subclasses whose columns its table holds
     *        (those in sight: compiled together, or in its package)
     * @param discriminator the discriminator column, when the table has one
     */
    record Layout(Strategy strategy, List<TypeElement> subclasses, Optional<AnnotationMirror> discriminator,
            boolean hasDiscriminator) {
    }

    private static String names(List<TypeElement> types) {
        return String.join(", ", types.stream().map(type -> type.getSimpleName().toString()).toList());
    }

    /**
     * The layout of the subject's version class; empty when it has none: a subclass of a
     * single-table hierarchy and an abstract TABLE_PER_CLASS class have no version table of their
     * own, and the version tables of JOINED subclasses are not mapped.
     */
    Optional<Layout> of(Subject subject) {
        TypeElement entity = subject.entity;
        TypeElement root = entity;
        for (TypeElement type : Mirrors.hierarchy(entity)) {
            if (Mirrors.has(type, Mirrors.ENTITY)) {
                root = type;
            }
        }
        TypeElement hierarchyRoot = root;
        List<TypeElement> subclasses = catalog.around(entity).stream()
                .filter(other -> other != hierarchyRoot && Mirrors.hierarchy(other).contains(hierarchyRoot))
                .sorted(Comparator.comparing(type -> type.getQualifiedName().toString()))
                .toList();
        Optional<AnnotationMirror> inheritance = Mirrors.find(root, PERSISTENCE + "Inheritance");
        Optional<AnnotationMirror> discriminator = Mirrors.find(root, PERSISTENCE + "DiscriminatorColumn");
        if (inheritance.isEmpty() && subclasses.isEmpty() && discriminator.isEmpty()) {
            return Optional.of(new Layout(Strategy.OWN_TABLE, List.of(), Optional.empty(), false));
        }
        String strategy = inheritance.flatMap(annotation -> Mirrors.value(annotation, "strategy"))
                .map(value -> ((VariableElement) value.getValue()).getSimpleName().toString())
                .orElse("SINGLE_TABLE");
        switch (strategy) {
            case "TABLE_PER_CLASS" -> {
                return entity.getModifiers().contains(Modifier.ABSTRACT) ? Optional.empty()
                        : Optional.of(new Layout(Strategy.OWN_TABLE, List.of(), Optional.empty(), false));
            }
            case "JOINED" -> {
                if (entity != root) {
                    // the root's analysis says it once for the whole hierarchy
                    return Optional.empty();
                }
                if (!subclasses.isEmpty()) {
                    subject.warn("The JOINED subclasses of " + subject.entityName + " (" + names(subclasses) + ") get "
                            + "no version class: typed version classes do not map the version tables of JOINED "
                            + "subclasses yet, and " + subject.className + " maps the columns they share with "
                            + subject.entityName + ". Their versions are recorded all the same; read them with "
                            + "VersionHistory");
                }
                return Optional.of(new Layout(Strategy.JOINED, List.of(), discriminator, discriminator.isPresent()));
            }
            default -> {
                // a subclass's rows are in the root's version table, and its version class maps them
                return entity != root ? Optional.empty() : Optional.of(new Layout(Strategy.SINGLE_TABLE, subclasses,
                        discriminator, discriminator.isPresent() || !subclasses.isEmpty()));
            }
        }
    }
}
