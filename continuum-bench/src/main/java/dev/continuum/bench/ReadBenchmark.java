package dev.continuum.bench;

import dev.continuum.bench.harness.BenchUnit;
import dev.continuum.bench.harness.Database;
import dev.continuum.bench.harness.Reads;
import dev.continuum.bench.harness.Variant;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The read workloads R1 (full history of one article with 10, 100 and 1000 versions), R2 (one
 * article as of a past point, with its comments and tags) and R3 (100 articles as of a past point),
 * see {@link Reads}. Nothing is written during a trial: the fixture is seeded once per trial, and
 * only what the benchmark method reads (R1 seeds only its own history size). Plain Hibernate has
 * no history and no read variant.
 *
 * <p>The defaults here are the full mode; the quick mode overrides forks, iterations and times
 * on the command line (see {@code run.sh}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.jboss.logging.provider=slf4j"})
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 10, time = 5)
public class ReadBenchmark {

    /** The variant measured: C, E, EV, H or HD (see {@link Variant}). */
    @Param({"C", "CS", "E", "EV", "H", "HD"})
    public Variant variant;

    /** The database: h2 (embedded), postgresql or mariadb (see {@link Database}). */
    @Param({"h2"})
    public String db;

    private BenchUnit unit;
    private Reads.Fixture fixture;
    private String benchmark;
    private long operations;
    private long statementsAtStart;
    private int next;

    /** Opens the variant's unit and seeds what the trial's benchmark reads. */
    @Setup(Level.Trial)
    public void openUnit(BenchmarkParams params) {
        String name = params.getBenchmark();
        benchmark = name.substring(name.lastIndexOf('.') + 1);
        unit = BenchUnit.open(variant, Database.named(db), false, null);
        List<Integer> sizes = Reads.HISTORY_SIZES.stream()
                .filter(size -> benchmark.equals("r1History" + size)).toList();
        fixture = Reads.seed(unit, sizes);
        statementsAtStart = unit.statements().count();
    }

    /** Prints the statements per operation of the trial and closes the unit, dropping its schema. */
    @TearDown(Level.Trial)
    public void closeUnit() {
        if (operations > 0) {
            System.out.printf(Locale.ROOT, "%n[statements] %s %s %s: %.2f statements per operation (%d operations)%n",
                    benchmark, variant, db, (double) (unit.statements().count() - statementsAtStart) / operations,
                    operations);
        }
        unit.close();
    }

    /** R1: the full history of an article with 10 versions. */
    @Benchmark
    public int r1History10() {
        operations++;
        return Reads.history(unit, fixture.history(10));
    }

    /** R1: the full history of an article with 100 versions. */
    @Benchmark
    public int r1History100() {
        operations++;
        return Reads.history(unit, fixture.history(100));
    }

    /** R1: the full history of an article with 1000 versions. */
    @Benchmark
    public int r1History1000() {
        operations++;
        return Reads.history(unit, fixture.history(1000));
    }

    /** R2: one article as of the past point, with its comments and tags; walks through the 100 articles. */
    @Benchmark
    public int r2AsOf() {
        operations++;
        List<Long> articles = fixture.articles();
        return Reads.asOf(unit, fixture, articles.get(next++ % articles.size()));
    }

    /** R3: the first 100 articles as of the past point. */
    @Benchmark
    public int r3AllAsOf() {
        operations++;
        return Reads.allAsOf(unit, fixture);
    }
}
