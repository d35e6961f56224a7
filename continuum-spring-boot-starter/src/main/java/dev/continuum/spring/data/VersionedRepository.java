package dev.continuum.spring.data;

import dev.continuum.HistoryLookupException;
import dev.continuum.Version;
import dev.continuum.VersionHistory;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The version history of a repository's entities, for Spring Data JPA repositories: add it to the
 * interfaces a repository extends, and the starter supplies the implementation (registered in
 * {@code META-INF/spring.factories}; nothing to configure).
 * <pre>{@code
 * interface ArticleRepository extends JpaRepository<Article, Long>, VersionedRepository<Article, Long> {
 * }
 * }</pre>
 * The counterpart of Spring Data Envers' {@code RevisionRepository}. Every method reads through
 * {@link VersionHistory} in a fixed number of statements, paging in the database. Reads run in a
 * read-only transaction, or in the caller's. The versions returned come with their
 * {@link Version#index()} and {@link Version#changeset()} read, so they can be shown or serialized
 * after the transaction; they stay bound to its entity manager for the rest (the collections of
 * {@code entity()}, neighbours beyond the page), which is therefore used inside the caller's
 * {@code @Transactional} method (or with open-EntityManager-in-view).
 * Methods that write ({@link #revertTo}, {@link #undo}, {@link #redo}) run in a read-write
 * transaction; committing it records a new version.
 *
 * @param <T> the entity type, which must be {@code @Versioned}
 * @param <ID> the identifier type
 */
@Transactional(readOnly = true)
public interface VersionedRepository<T, ID> {

    /**
     * All versions of the entity with this identifier, oldest first, in one statement.
     *
     * @param id the identifier
     * @return the versions, empty when none was recorded
     * @throws HistoryLookupException if the entity type is not versioned
     */
    List<Version<T>> findVersions(ID id);

    /**
     * One page of the versions of the entity with this identifier, paged by the database: the
     * page's versions in one statement, one indexed lookup of the version before the page (for the
     * first version's changeset) unless the page starts at the first version, and one counting
     * statement when the total is not known from the page (always, for newest first). Sorted by
     * {@code index}: unsorted or ascending is
     * oldest first, descending newest first (see {@link VersionSort}); a page request from the web
     * takes {@code ?page=0&size=20&sort=index,desc}.
     *
     * @param id the identifier
     * @param pageable the page; its sort may only name {@code index}
     * @return the page, with the entity's number of versions as its total
     * @throws HistoryLookupException if the entity type is not versioned or the sort names another
     *         property
     */
    Page<Version<T>> findVersions(ID id, Pageable pageable);

    /**
     * The newest version of the entity with this identifier (a delete version when it was
     * deleted): a count, the version, and a lookup of the one before it for its changeset.
     *
     * @param id the identifier
     * @return the version, or empty when none was recorded
     */
    Optional<Version<T>> findLastChange(ID id);

    /**
     * The version at position {@code index} of the entity's versions, oldest first from 0, in one
     * statement, and a lookup of the one before it for its changeset.
     *
     * @param id the identifier
     * @param index the version's {@link Version#index()}
     * @return the version, or empty when the entity has fewer versions
     * @throws IllegalArgumentException if {@code index} is negative
     */
    Optional<Version<T>> findVersion(ID id, int index);

    /**
     * The number of versions of the entity with this identifier, in one statement.
     *
     * @param id the identifier
     * @return the number of versions, 0 when none was recorded
     */
    long countVersions(ID id);

    /**
     * The entity as it was right after transaction {@code transactionId} committed: a detached
     * snapshot, in one statement.
     *
     * @param id the identifier
     * @param transactionId a transaction id
     * @return the snapshot, or empty when the entity did not exist then
     */
    Optional<T> findAsOf(ID id, long transactionId);

    /**
     * The entity as it was at {@code instant}: a detached snapshot, in one statement.
     *
     * @param id the identifier
     * @param instant a point in time
     * @return the snapshot, or empty when the entity did not exist then
     */
    Optional<T> findAsOf(ID id, Instant instant);

    /**
     * Writes the live entity back to the state of its version at {@code index} (see
     * {@link Version#revert(String...)}), re-creating it if it was deleted; committing records a
     * new version.
     *
     * @param id the identifier
     * @param index the {@link Version#index()} of the version to go back to
     * @param relations relations to restore too ({@code "tags"}, {@code "comments.likes"})
     * @return the managed entity, or empty when that version is a delete (the entity is removed)
     * @throws HistoryLookupException if the entity has no version at {@code index}, or a relation
     *         name is unknown
     */
    @Transactional
    Optional<T> revertTo(ID id, int index, String... relations);

    /**
     * Steps the entity back one version, persisted so that {@link #redo} can step forward again
     * (see {@link VersionHistory#undo(Class, Object)}).
     *
     * @param id the identifier
     * @return the version the entity was stepped back to, or empty when there is nothing to undo
     * @throws HistoryLookupException if the entity has no recorded history
     */
    @Transactional
    Optional<Version<T>> undo(ID id);

    /**
     * Steps the entity forward one version after {@link #undo}.
     *
     * @param id the identifier
     * @return the version the entity was stepped forward to, or empty when there is nothing to redo
     */
    @Transactional
    Optional<Version<T>> redo(ID id);
}
