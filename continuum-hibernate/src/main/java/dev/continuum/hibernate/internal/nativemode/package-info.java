/**
 * Native versioning: the database triggers that write the version rows and the transaction row of
 * natively versioned entities inside the database (so that bulk HQL/JPQL mutations, native SQL,
 * JDBC and other programs are recorded too), generated per dialect from the mapping, contributed
 * to Hibernate's schema management as auxiliary database objects, and the boot-time refusals of
 * what native versioning does not support. Depends on the model only, and (the trigger class that
 * H2 runs inside the database, {@link dev.continuum.hibernate.internal.nativemode.H2Trigger}) on
 * H2's trigger interface.
 */
package dev.continuum.hibernate.internal.nativemode;
