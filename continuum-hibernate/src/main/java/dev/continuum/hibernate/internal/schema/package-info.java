/**
 * Continuum's part of the database schema: the version tables, the transaction table and its
 * sequence, and the undo table added to Hibernate's relational model (so that schema creation,
 * update, validation and export treat them like mapped tables); the typed version classes the
 * annotation processor generates reconciled with those tables; and the boot-time check of the
 * schema when the application manages it. Uses the model package only. Internal: no compatibility
 * promise.
 */
package dev.continuum.hibernate.internal.schema;
