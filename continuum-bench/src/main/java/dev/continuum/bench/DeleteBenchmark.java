package dev.continuum.bench;

import dev.continuum.bench.harness.Workloads;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

import java.util.List;

/**
 * W4, delete: one operation is one transaction loading 100 articles with their comments and tags
 * (one query) and removing them, comments by cascade. Before each operation, untimed, 100 fresh
 * articles are inserted through the same variant, so each has an insert version to close.
 */
public class DeleteBenchmark extends WriteBenchmark {

    private List<Long> doomed;

    /** Inserts the 100 articles the next operation deletes; not timed, not counted. */
    @Setup(Level.Invocation)
    public void insertDoomed() {
        doomed = uncounted(() -> Workloads.seedArticles(unit, Workloads.ARTICLES_PER_TRANSACTION, tagIds));
    }

    /** Deletes 100 articles with their comments and tag links in one transaction. */
    @Benchmark
    public void w4Delete() {
        counted();
        Workloads.deleteArticles(unit, doomed);
    }
}
