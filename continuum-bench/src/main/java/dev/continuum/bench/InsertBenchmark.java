package dev.continuum.bench;

import dev.continuum.bench.harness.Workloads;

import org.openjdk.jmh.annotations.Benchmark;

import java.util.List;

/**
 * W1, insert: one operation is one transaction inserting 100 articles, each with two new comments
 * and links to two existing tags.
 */
public class InsertBenchmark extends WriteBenchmark {

    private long sequence;

    /** Inserts 100 articles with their comments and tag links in one transaction. */
    @Benchmark
    public List<Long> w1Insert() {
        counted();
        return Workloads.insertArticles(unit, tagIds, sequence++);
    }
}
