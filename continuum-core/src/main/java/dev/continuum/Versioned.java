package dev.continuum;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JPA entity whose inserts, updates and deletes are recorded in a shadow version table.
 *
 * <p>Every change of a versioned entity writes one row into {@code <table>_version}, in the same
 * database transaction as the change, linked to one row of the {@code transaction} table. Only
 * entities carrying this annotation are versioned; the annotation may only be placed on an
 * {@code @Entity}, otherwise the persistence unit fails to start.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Versioned {

    /**
     * Names of properties that are not versioned. Their columns are left out of the version table,
     * and a change of only these properties writes no version.
     *
     * <p>Every name must be a persistent property of the entity; an unknown name fails the boot
     * with a message that names the entity and suggests the closest property.
     *
     * @return the excluded property names, empty by default
     */
    String[] exclude() default {};

    /**
     * Name of the version table. Empty (the default) means the entity's table name followed by
     * the configured suffix ({@code _version} unless {@link ContinuumSettings#TABLE_SUFFIX} says
     * otherwise).
     *
     * @return the version table name, or empty for the default
     */
    String table() default "";

    /**
     * Whether a change of only this entity's owned collections (a many-to-many or an element
     * collection gaining or losing a row, or a join-column one-to-many gaining or losing a child)
     * records a new version (operation update) of this entity, in addition to the rows of the
     * collection's version table. {@link Setting#DEFAULT} follows
     * {@link ContinuumSettings#VERSION_OWNER_ON_COLLECTION_CHANGE}, which is on unless configured off.
     *
     * @return whether the owner is versioned when only its collections change
     */
    Setting versionOwnerOnCollectionChange() default Setting.DEFAULT;

    /**
     * Whether the version table gets a modification flag per versioned property: a nullable
     * boolean column named after the property's column with {@code _mod} appended ({@code title_mod};
     * after the property's name for a property of several columns, such as an embeddable), true in
     * a version when the property's value differs from the state before the version's transaction
     * (on insert, when it is not null). {@link Setting#DEFAULT} follows
     * {@link ContinuumSettings#MODIFIED_FLAGS}, which is off unless configured on. Of a hierarchy,
     * the root entity's annotation decides, as its version tables are laid out from the root.
     *
     * @return whether versions record which properties they changed
     */
    Setting modifiedFlags() default Setting.DEFAULT;

    /**
     * Whether this entity is versioned natively: by database triggers that Continuum generates
     * from the mapping and creates with the schema, which write its version rows and the
     * transaction row (at commit on PostgreSQL, at each change on MariaDB and H2), so that changes that bypass Hibernate's entity events (bulk
     * HQL/JPQL updates and deletes, native SQL, JDBC, other programs) are recorded as well. The
     * history tables and the reading API are the same as without it. {@link Setting#DEFAULT}
     * follows {@link ContinuumSettings#NATIVE_VERSIONING}, which is off unless configured on.
     * Where the database or the entity's mapping does not allow it, the boot fails naming the
     * entity and the reason.
     *
     * @return whether the database records this entity's versions
     */
    Setting nativeVersioning() default Setting.DEFAULT;

    /** An on/off choice that can defer to a global setting. */
    enum Setting {
        /** Follow the global setting. */
        DEFAULT,
        /** On for this entity, whatever the global setting. */
        ENABLED,
        /** Off for this entity, whatever the global setting. */
        DISABLED
    }
}
