package dev.continuum.hibernate.internal.read;

import org.hibernate.engine.spi.SessionImplementor;

/**
 * The read path of one session: the session, its factory's history model, JDBC on its connection,
 * and the parts of the read path, which call each other through it (versions navigate and revert
 * through it, queries and relation reads turn rows into versions and snapshots through it). The
 * parts are wired once, here, and read as final fields. Made per {@link HibernateVersionHistory};
 * as thread-safe as its session, that is, not.
 */
final class ReadSession {

    final SessionImplementor session;
    /** The factory's history model, or null when the factory versions nothing (then no entity is found to read). */
    final HistoryModel model;
    final SessionJdbc jdbc;
    final EntityLookup lookup;
    final VersionAssembler assembler;
    final VersionQueries queries;
    final VersionNavigation navigation;
    final EntityReverter reverter;
    final RelationResolver relations;
    final TargetSnapshots targets;
    final CollectionChanges collectionChanges;

    ReadSession(SessionImplementor session, HistoryModel model) {
        this.session = session;
        this.model = model;
        this.jdbc = new SessionJdbc(session);
        this.lookup = new EntityLookup(session, model);
        this.assembler = new VersionAssembler(this);
        this.queries = new VersionQueries(this);
        this.navigation = new VersionNavigation(this);
        this.reverter = new EntityReverter(this);
        this.relations = new RelationResolver(this);
        this.targets = new TargetSnapshots(this);
        this.collectionChanges = new CollectionChanges(this);
    }
}
