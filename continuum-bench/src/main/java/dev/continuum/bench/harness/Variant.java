package dev.continuum.bench.harness;

import dev.continuum.bench.model.BenchModel;
import dev.continuum.bench.model.audited.AuditedModel;
import dev.continuum.bench.model.continuum.ContinuumModel;
import dev.continuum.bench.model.envers.EnversModel;
import dev.continuum.bench.model.plain.PlainModel;

import java.util.HashMap;
import java.util.Map;

/**
 * What records history in a benchmark run, and how. Every variant maps the same model (its own
 * copy, with its own annotations) onto its own tables, named with the variant's prefix, so that
 * variants never share a table or a sequence even on one database.
 */
public enum Variant {

    /** Plain Hibernate, nothing versioned: the floor. */
    P("p_", new PlainModel(), Map.of()),

    /**
     * The floor of any history that writes a row per change: plain Hibernate (Continuum off) over
     * Continuum's model and schema, and exactly the rows Continuum writes, written by hand with JDBC in
     * the same transaction in the fewest round trips the database allows (see {@link Floor}).
     */
    F("f_", new ContinuumModel(), Map.of()),

    /** Continuum, all three entities {@code @Versioned}. */
    C("c_", new ContinuumModel(), Map.of(
            "continuum.enabled", "true",
            // Continuum adds this sequence and this table to the schema under exactly these names (no
            // naming strategy applies to them), so they carry the prefix here.
            "continuum.transaction_sequence", "c_transaction_id_seq",
            "continuum.undo_table", "c_continuum_undo")),

    /**
     * Continuum with the subquery strategy ({@code continuum.strategy=subquery}): no end column, so
     * writes only insert, and reads derive each version's end from the next version of its row.
     */
    CS("cs_", new ContinuumModel(), Map.of(
            "continuum.enabled", "true",
            "continuum.strategy", "subquery",
            "continuum.transaction_sequence", "cs_transaction_id_seq",
            "continuum.undo_table", "cs_continuum_undo")),
    /**
     * Continuum writing each flush's versions at that flush ({@code continuum.write_at=flush}), the
     * mode for batch jobs that flush and clear: memory bounded by one flush, ids taken at the first
     * flush.
     */
    CF("cf_", new ContinuumModel(), Map.of(
            "continuum.enabled", "true",
            "continuum.write_at", "flush",
            "continuum.transaction_sequence", "cf_transaction_id_seq",
            "continuum.undo_table", "cf_continuum_undo")),

    /**
     * Continuum in native mode: triggers generated from the mapping write the versions of the three
     * entities and the transaction row (at commit on PostgreSQL, at each change on MariaDB); the article's tags, a collection,
     * are versioned by the event listeners under the same transaction row, so the owner is not
     * versioned on collection-only changes (none of the workloads makes one).
     */
    N("n_", new ContinuumModel(), Map.of(
            "continuum.enabled", "true",
            "continuum.native_versioning", "true",
            "continuum.version_owner_on_collection_change", "false",
            "continuum.transaction_sequence", "n_transaction_id_seq",
            "continuum.undo_table", "n_continuum_undo")),

    /** Hibernate Envers with its default audit strategy (no end revision column). */
    E("e_", new EnversModel(), Map.of(
            "hibernate.integration.envers.enabled", "true",
            "org.hibernate.envers.audit_strategy", "org.hibernate.envers.strategy.internal.DefaultAuditStrategy")),

    /** Hibernate Envers with the validity audit strategy (REVEND maintained, as Continuum's end_transaction_id). */
    EV("ev_", new EnversModel(), Map.of(
            "hibernate.integration.envers.enabled", "true",
            "org.hibernate.envers.audit_strategy", "org.hibernate.envers.strategy.internal.ValidityAuditStrategy")),

    /**
     * Hibernate ORM 7.4's own, incubating {@code @org.hibernate.annotations.Audited} with the validity
     * strategy. JDBC batching is off for this variant only: in 7.4.13 the validity strategy queues
     * its {@code REVEND} update under the same batch key as the audit insert, so with batching on
     * the insert's values are bound to the pending update statement and every audited write fails
     * ("Unable to bind parameter #3"). Hibernate reads the strategy name case-insensitively and
     * silently falls back to {@code default} on an unknown name, so the spelling matters.
     */
    H("h_", new AuditedModel(), Map.of(
            "hibernate.audit.strategy", "validity",
            "hibernate.jdbc.batch_size", "0")),

    /**
     * Hibernate ORM 7.4's own audit log with its default strategy (no end changeset column), which
     * does work with JDBC batching: the strongest in-house competitor that runs with the same
     * settings as the others.
     */
    HD("hd_", new AuditedModel(), Map.of(
            "hibernate.audit.strategy", "default"));

    private final String tablePrefix;
    private final BenchModel model;
    private final Map<String, Object> settings;

    Variant(String tablePrefix, BenchModel model, Map<String, Object> settings) {
        this.tablePrefix = tablePrefix;
        this.model = model;
        this.settings = settings;
    }

    /** The prefix of every table and sequence name of this variant. */
    public String tablePrefix() {
        return tablePrefix;
    }

    /** This variant's copy of the model. */
    public BenchModel model() {
        return model;
    }

    /**
     * The Hibernate settings that select this variant. Envers and Continuum are both on the class
     * path and switch themselves on when found, so each is explicitly off unless it is the variant
     * being measured.
     */
    public Map<String, Object> settings() {
        Map<String, Object> all = new HashMap<>();
        all.put("hibernate.integration.envers.enabled", "false");
        all.put("continuum.enabled", "false");
        all.putAll(settings);
        return all;
    }
}
