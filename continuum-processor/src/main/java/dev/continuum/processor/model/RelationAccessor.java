package dev.continuum.processor.model;

import java.util.Optional;

/**
 * A method of the generated class that returns one relation of the entity as it was at the
 * version's transaction: what the bound version's {@code entity()} holds for it.
 *
 * @param property the relation's name in the entity
 * @param type the property's declared type, which the accessor returns
 * @param kind what the accessor returns
 * @param unversionedTarget the related entity when it is not versioned (its current rows are returned)
 * @param accessor the method name, {@code getAuthor} or, when that is taken, {@code getAuthorRelation}
 */
public record RelationAccessor(String property, JavaType type, Kind kind, Optional<JavaType.Declared> unversionedTarget,
        String accessor) {

    /** What a relation accessor returns. */
    public enum Kind {
        /** One related entity: a many-to-one or owning one-to-one. */
        TO_ONE,
        /** A collection of related entities: a one-to-many or many-to-many. */
        TO_MANY,
        /** The elements of an element collection. */
        ELEMENTS
    }
}
