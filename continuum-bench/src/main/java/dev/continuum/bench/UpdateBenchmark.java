package dev.continuum.bench;

import dev.continuum.bench.harness.Workloads;

import org.openjdk.jmh.annotations.Benchmark;

import java.util.List;

/**
 * W2, update: one operation is one transaction loading 100 articles with one query and changing
 * the title and status of each. Operations walk through a pool of 1000 articles, round after
 * round, so every article's history grows during an iteration.
 */
public class UpdateBenchmark extends WriteBenchmark {

    private List<Long> pool;
    private int cursor;
    private long round;

    @Override
    protected void seed() {
        pool = Workloads.seedArticles(unit, Workloads.ARTICLE_POOL, tagIds);
        cursor = 0;
        round = 0;
    }

    /** Updates the next 100 articles of the pool in one transaction. */
    @Benchmark
    public void w2Update() {
        counted();
        int from = cursor;
        cursor = (from + Workloads.ARTICLES_PER_TRANSACTION) % pool.size();
        Workloads.updateArticles(unit, pool.subList(from, from + Workloads.ARTICLES_PER_TRANSACTION), round);
        if (cursor == 0) {
            round++;
        }
    }
}
