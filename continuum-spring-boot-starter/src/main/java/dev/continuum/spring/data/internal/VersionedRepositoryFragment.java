package dev.continuum.spring.data.internal;

import dev.continuum.HistoryLookupException;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.spring.TransactionalVersionHistory;
import dev.continuum.spring.data.VersionSort;
import dev.continuum.spring.data.VersionedRepository;

import jakarta.persistence.EntityManagerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.core.RepositoryMethodContext;
import org.springframework.data.repository.core.support.RepositoryMetadataAccess;
import org.springframework.data.support.PageableExecutionUtils;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The implementation of {@link VersionedRepository} that Spring Data composes into every
 * repository extending it (registered in {@code META-INF/spring.factories}). One instance serves
 * all those repositories: each call learns its repository's domain type from
 * {@link RepositoryMethodContext} (exposed because this class is a {@link RepositoryMetadataAccess})
 * and reads through the persistence unit that manages that type. Not final: the transactional
 * annotations of {@link VersionedRepository} make Spring proxy it by subclassing.
 *
 * @param <T> the entity type
 * @param <ID> the identifier type
 */
public class VersionedRepositoryFragment<T, ID> implements VersionedRepository<T, ID>, RepositoryMetadataAccess {

    private final ObjectProvider<EntityManagerFactory> entityManagerFactories;
    private final Map<Class<?>, VersionHistory> histories = new ConcurrentHashMap<>();

    /**
     * Created by Spring Data.
     *
     * @param entityManagerFactories the application's persistence units
     */
    public VersionedRepositoryFragment(ObjectProvider<EntityManagerFactory> entityManagerFactories) {
        this.entityManagerFactories = entityManagerFactories;
    }

    @Override
    public List<Version<T>> findVersions(ID id) {
        return history().versions(domainType(), id);
    }

    @Override
    public Page<Version<T>> findVersions(ID id, Pageable pageable) {
        Class<T> type = domainType();
        VersionHistory history = history();
        boolean newestFirst = newestFirst(pageable.getSort(), type);
        if (pageable.isUnpaged()) {
            List<Version<T>> all = new ArrayList<>(history.versions(type, id));
            if (newestFirst) {
                Collections.reverse(all);
            }
            return new PageImpl<>(prepared(all), pageable, all.size());
        }
        if (!newestFirst) {
            List<Version<T>> content = history.versions(type, id, Math.toIntExact(pageable.getOffset()),
                    pageable.getPageSize());
            return PageableExecutionUtils.getPage(prepared(content), pageable, () -> history.count(type, id));
        }
        // Newest first: the page's versions are the ones counted back from the newest.
        long total = history.count(type, id);
        long end = total - pageable.getOffset();
        if (end <= 0) {
            return new PageImpl<>(List.of(), pageable, total);
        }
        long start = Math.max(0, end - pageable.getPageSize());
        List<Version<T>> content = new ArrayList<>(history.versions(type, id, Math.toIntExact(start),
                Math.toIntExact(end - start)));
        prepared(content);
        Collections.reverse(content);
        return new PageImpl<>(content, pageable, total);
    }

    @Override
    public Optional<Version<T>> findLastChange(ID id) {
        Class<T> type = domainType();
        VersionHistory history = history();
        long count = history.count(type, id);
        return count == 0 ? Optional.empty()
                : prepared(history.versions(type, id, Math.toIntExact(count - 1), 1)).stream().findFirst();
    }

    @Override
    public Optional<Version<T>> findVersion(ID id, int index) {
        return prepared(history().versions(domainType(), id, index, 1)).stream().findFirst();
    }

    @Override
    public long countVersions(ID id) {
        return history().count(domainType(), id);
    }

    @Override
    public Optional<T> findAsOf(ID id, long transactionId) {
        return history().asOf(domainType(), id, transactionId).map(Version::entity);
    }

    @Override
    public Optional<T> findAsOf(ID id, Instant instant) {
        return history().asOf(domainType(), id, instant).map(Version::entity);
    }

    @Override
    public Optional<T> revertTo(ID id, int index, String... relations) {
        Class<T> type = domainType();
        Version<T> version = findVersion(id, index).orElseThrow(() -> new HistoryLookupException(
                type.getSimpleName() + " " + id + " has no version " + index + "; it has "
                        + countVersions(id) + " (indexes count from 0, oldest first)"));
        return version.revert(relations);
    }

    @Override
    public Optional<Version<T>> undo(ID id) {
        return history().undo(domainType(), id).map(VersionedRepositoryFragment::prepared);
    }

    @Override
    public Optional<Version<T>> redo(ID id) {
        return history().redo(domainType(), id).map(VersionedRepositoryFragment::prepared);
    }

    /**
     * Reads the changesets of versions and their transactions' metadata while their entity manager
     * is open: a page's first changeset needs its predecessor, one lookup, and the metadata of all
     * of a read's transactions comes in one statement. The versions can then be serialized after
     * the transaction (by the JSON module, with open-EntityManager-in-view off).
     */
    private static <T> List<Version<T>> prepared(List<Version<T>> versions) {
        versions.forEach(VersionedRepositoryFragment::prepared);
        return versions;
    }

    private static <T> Version<T> prepared(Version<T> version) {
        version.changeset();
        version.transaction().metadata().size();
        return version;
    }

    @SuppressWarnings("unchecked")
    private Class<T> domainType() {
        return (Class<T>) RepositoryMethodContext.getContext().getMetadata().getDomainType();
    }

    private VersionHistory history() {
        return histories.computeIfAbsent(domainType(), this::historyOf);
    }

    private VersionHistory historyOf(Class<?> type) {
        List<EntityManagerFactory> managing = entityManagerFactories.orderedStream()
                .filter(factory -> manages(factory, type)).toList();
        if (managing.size() != 1) {
            throw new HistoryLookupException(type.getName() + " is managed by " + managing.size()
                    + " entity manager factories of this application, so its repository cannot tell whose "
                    + "history to read; a VersionedRepository needs its entity in exactly one persistence unit");
        }
        return TransactionalVersionHistory.of(managing.get(0));
    }

    private static boolean manages(EntityManagerFactory factory, Class<?> type) {
        try {
            factory.getMetamodel().entity(type);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean newestFirst(Sort sort, Class<?> type) {
        if (sort.isUnsorted()) {
            return false;
        }
        List<Sort.Order> orders = sort.toList();
        if (orders.size() != 1 || !orders.get(0).getProperty().equals(VersionSort.INDEX)) {
            throw new HistoryLookupException("The versions of " + type.getSimpleName() + " can only be sorted by '"
                    + VersionSort.INDEX + "' (ascending: oldest first, descending: newest first), not by " + sort
                    + "; use VersionSort.oldestFirst() or VersionSort.newestFirst(), or sort=index,desc in a URL");
        }
        return orders.get(0).isDescending();
    }
}
