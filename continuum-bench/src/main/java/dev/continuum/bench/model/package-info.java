/**
 * The benchmark model shared by every variant: the views the workloads drive ({@link
 * dev.continuum.bench.model.BenchArticle}, {@link dev.continuum.bench.model.BenchModel}) and the
 * status enum. The entity classes themselves live in one sub-package per variant, identical but
 * for the annotations that turn versioning on.
 */
package dev.continuum.bench.model;
