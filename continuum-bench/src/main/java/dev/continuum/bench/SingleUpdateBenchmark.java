package dev.continuum.bench;

import dev.continuum.bench.harness.Workloads;

import org.openjdk.jmh.annotations.Benchmark;

import java.util.List;

/**
 * W3, single-row update: one operation is one transaction loading one article by id and changing
 * its title and status. Nothing to batch, so this is the fixed cost of a versioned transaction.
 */
public class SingleUpdateBenchmark extends WriteBenchmark {

    private List<Long> pool;
    private int cursor;
    private long round;

    @Override
    protected void seed() {
        pool = Workloads.seedArticles(unit, Workloads.ARTICLE_POOL, tagIds);
        cursor = 0;
        round = 0;
    }

    /** Updates the next article of the pool in its own transaction. */
    @Benchmark
    public void w3SingleUpdate() {
        counted();
        Long id = pool.get(cursor);
        cursor = (cursor + 1) % pool.size();
        Workloads.updateArticle(unit, id, round);
        if (cursor == 0) {
            round++;
        }
    }
}
