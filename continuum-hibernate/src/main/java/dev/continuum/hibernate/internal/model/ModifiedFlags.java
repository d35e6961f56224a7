package dev.continuum.hibernate.internal.model;

import dev.continuum.Versioned;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.engine.jdbc.env.spi.IdentifierHelper;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;

import java.util.List;

/**
 * The modification flags of version tables ({@code @Versioned(modifiedFlags)} or
 * {@code continuum.modified_flags}): which entities have them, and the name of the flag of a
 * property, one boolean column per versioned property. A property of one column is flagged in
 * {@code <column>_mod} (quoted when its column is); one of several columns (an embeddable, a
 * to-one with a composite key) in {@code <property>_mod}. Read by the schema contributor, the
 * model builder and the schema check, so that all of them name a flag the same way.
 */
public final class ModifiedFlags {

    /** What follows a column's or a property's name in the name of its flag. */
    public static final String SUFFIX = "_mod";

    private ModifiedFlags() {
    }

    /** Whether the version tables of {@code entity}'s hierarchy have modification flags; its root's annotation decides. */
    public static boolean enabled(PersistentClass entity, Settings settings) {
        Versioned annotation = VersionedEntity.annotation(entity.getRootClass());
        if (annotation == null) {
            annotation = VersionedEntity.annotation(entity);
        }
        Versioned.Setting option = annotation == null ? Versioned.Setting.DISABLED : annotation.modifiedFlags();
        return option == Versioned.Setting.ENABLED || option == Versioned.Setting.DEFAULT && settings.modifiedFlags();
    }

    /** The identifier of the flag of {@code property}, quoted as Hibernate quotes the mapping's names. */
    public static Identifier identifier(IdentifierHelper helper, Property property) {
        Identifier name = name(property);
        return helper.toIdentifier(name.getText(), name.isQuoted());
    }

    /** The unrendered name of the flag of {@code property}, quoted when the property's single column is. */
    public static Identifier name(Property property) {
        List<Column> columns = VersionedEntity.columnsOf(property);
        if (columns.size() == 1) {
            Column column = columns.get(0);
            return Identifier.toIdentifier(column.getName() + SUFFIX, column.isQuoted());
        }
        return Identifier.toIdentifier(property.getName() + SUFFIX);
    }
}
