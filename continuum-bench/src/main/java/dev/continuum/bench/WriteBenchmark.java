package dev.continuum.bench;

import dev.continuum.bench.harness.BenchUnit;
import dev.continuum.bench.harness.Database;
import dev.continuum.bench.harness.Variant;
import dev.continuum.bench.harness.Workloads;

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

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What every write benchmark shares: the variant and database parameters, the persistence unit
 * (one per trial, in a fresh JVM), an empty schema and a new tag pool at the start of every
 * iteration, and the count of SQL statements per operation, printed when the trial ends.
 *
 * <p>The defaults here are the full mode; the quick mode overrides forks, iterations and times
 * on the command line (see {@code run.sh}). Benchmark classes are not final because JMH generates
 * subclasses of them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.jboss.logging.provider=slf4j"})
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 10, time = 5)
public abstract class WriteBenchmark {

    /** The variant measured: P, F, C, E, EV, H or HD (see {@link Variant}). */
    @Param({"P", "F", "C", "CS", "E", "EV", "H", "HD"})
    public Variant variant;

    /** The database: h2 (embedded), postgresql or mariadb (see {@link Database}). */
    @Param({"h2"})
    public String db;

    /** The variant's persistence unit, open for the whole trial. */
    protected BenchUnit unit;

    /** The ids of this iteration's tags. */
    protected List<Long> tagIds;

    private long operations;
    private long statements;
    private long statementsAtStart;
    private long statementsOutsideOperations;

    /** Opens the variant's unit: boots Hibernate and creates the schema. */
    @Setup(Level.Trial)
    public void openUnit() {
        unit = BenchUnit.open(variant, Database.named(db), false, null);
    }

    /** Empties the tables and seeds what the workload needs, so that every iteration starts alike. */
    @Setup(Level.Iteration)
    public void startIteration() {
        unit.truncate();
        tagIds = Workloads.seedTags(unit);
        seed();
        statementsAtStart = unit.statements().count();
        statementsOutsideOperations = 0;
    }

    /** Adds this iteration's statements, less those of per-invocation seeding, to the trial's count. */
    @TearDown(Level.Iteration)
    public void endIteration() {
        statements += unit.statements().count() - statementsAtStart - statementsOutsideOperations;
    }

    /** Prints the statements per operation of the trial and closes the unit, dropping its schema. */
    @TearDown(Level.Trial)
    public void closeUnit() {
        if (operations > 0) {
            System.out.printf(Locale.ROOT, "%n[statements] %s %s %s: %.2f statements per operation (%d operations)%n",
                    benchmarkName(), variant, db, (double) statements / operations, operations);
        }
        unit.close();
    }

    /** The benchmark class's own name: JMH runs a generated subclass of it. */
    private String benchmarkName() {
        Class<?> type = getClass();
        while (type.getSuperclass() != WriteBenchmark.class) {
            type = type.getSuperclass();
        }
        return type.getSimpleName();
    }

    /** Seeds the rows this workload's operations need, after the tables were emptied. */
    protected void seed() {
    }

    /** Records that one operation ran; called by every benchmark method. */
    protected final void counted() {
        operations++;
    }

    /**
     * Runs set-up work inside an iteration (per-invocation seeding) without counting its statements
     * against the operations.
     */
    protected final <T> T uncounted(Supplier<T> work) {
        long before = unit.statements().count();
        try {
            return work.get();
        } finally {
            statementsOutsideOperations += unit.statements().count() - before;
        }
    }
}
