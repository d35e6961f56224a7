package dev.continuum.hibernate.internal;

import org.hibernate.mapping.Table;

import java.util.Map;

/**
 * A version table contributed to the mapping, and where each of its data columns comes from.
 *
 * @param subject what it versions, for messages ("entity Article", "collection Article.tags")
 * @param owner the entity or collection name alone, for messages ("Article")
 * @param table the version table in Hibernate's relational model
 * @param sources the live table and the property of each data column, by column name
 */
record VersionTableMapping(String subject, String owner, Table table, Map<String, Source> sources) {

    /**
     * Where a data column of a version table comes from.
     *
     * @param live the live table holding the column
     * @param what the property or role of the column, for messages ("Article.title")
     */
    record Source(Table live, String what) {
    }
}
