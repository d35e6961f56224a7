package dev.continuum.spring.data;

import org.springframework.data.domain.Sort;

/**
 * The two orders of {@link VersionedRepository#findVersions(Object, org.springframework.data.domain.Pageable)}:
 * by {@link dev.continuum.Version#index()}, oldest or newest first.
 * <pre>{@code
 * repository.findVersions(id, PageRequest.of(0, 20, VersionSort.newestFirst()));
 * }</pre>
 */
public final class VersionSort {

    /** The one property versions are sorted by: their index, which follows commit order. */
    public static final String INDEX = "index";

    private VersionSort() {
    }

    /**
     * Oldest first, the default.
     *
     * @return ascending by index
     */
    public static Sort oldestFirst() {
        return Sort.by(Sort.Direction.ASC, INDEX);
    }

    /**
     * Newest first.
     *
     * @return descending by index
     */
    public static Sort newestFirst() {
        return Sort.by(Sort.Direction.DESC, INDEX);
    }
}
