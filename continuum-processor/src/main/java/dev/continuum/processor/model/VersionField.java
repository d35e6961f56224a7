package dev.continuum.processor.model;

import java.util.List;

/**
 * A mapped field of the generated class, with its getter: one column (or, for an embeddable, a
 * group of columns) of the version table.
 *
 * @param name the field name
 * @param type the field type
 * @param annotations the mapping annotations to write on the field, in order
 * @param id whether the field is part of the version class's primary key ({@code @Id})
 * @param origin what the field records, for its Javadoc
 */
public record VersionField(String name, JavaType type, List<AnnotationModel> annotations, boolean id,
        Origin origin) {

    public VersionField {
        annotations = List.copyOf(annotations);
    }

    /**
     * The getter's name: {@code isFeatured} for a {@code boolean} and for a modification flag
     * (which the getter returns as one), {@code getTitle} otherwise.
     */
    public String getterName() {
        return (type.isPrimitiveBoolean() || origin instanceof ModifiedFlag ? "is" : "get") + Names.capitalize(name);
    }

    /** What a field records. */
    public sealed interface Origin {
    }

    /**
     * A versioned property of the entity, or one column-bearing attribute of its identifier.
     *
     * @param property the entity's property
     */
    public record Property(String property) implements Origin {
    }

    /**
     * The foreign key of a many-to-one or owning one-to-one.
     *
     * @param property the relation
     * @param target the related entity
     */
    public record ForeignKey(String property, JavaType.Declared target) implements Origin {
    }

    /**
     * One column of an {@code @EmbeddedId}: an attribute of the embeddable.
     *
     * @param identifier the entity's {@code @EmbeddedId} property
     * @param part the embeddable's attribute
     */
    public record IdentifierPart(String identifier, String part) implements Origin {
    }

    /**
     * The entity's whole composite identifier, an instance of its {@code @EmbeddedId} or
     * {@code @IdClass} class, mapped read-only onto the columns of the identifier fields.
     */
    public record Identifier() implements Origin {
    }

    /**
     * The modification flag of a versioned property: whether the version changed it (null in
     * versions written before the flags were on).
     *
     * @param property the flagged property
     */
    public record ModifiedFlag(String property) implements Origin {
    }

    /** The discriminator of a single-table hierarchy's rows, or of a JOINED one that declares it. */
    public record Discriminator() implements Origin {
    }

    /**
     * The foreign key that a one-to-many of another entity, kept by a join column, writes into this
     * entity's rows: the key of the owner whose collection held this entity.
     *
     * @param owner the entity whose collection it is
     * @param property the collection
     */
    public record CollectionKey(JavaType.Declared owner, String property) implements Origin {
    }
}
