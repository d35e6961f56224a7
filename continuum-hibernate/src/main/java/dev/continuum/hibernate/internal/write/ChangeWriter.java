package dev.continuum.hibernate.internal.write;

import java.util.List;

/**
 * What one merged change of an entity or a collection row is written through: the version tables
 * it writes a row into, and how two of its captured rows compare.
 */
interface ChangeWriter {

    /** The table writers a change writes to, in order (an entity's root level first). */
    List<? extends VersionWriter> tables();

    /** Whether two captured rows hold equal values in every column. */
    boolean sameValues(Object[] a, Object[] b);

    /** Whether an inserted row can take the key of a row deleted earlier, so its insert must close an open row. */
    boolean idsCanBeReused();
}
